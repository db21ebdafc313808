import { after, NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getSqlDb } from "../db";
import { SURFACES, VARIANTS } from "./config";
import { countImpression } from "./decide";
import { countFunnelStep } from "./funnel";
import { askNow, corsHeaders, looksLikeBot, readReader, writeReader } from "./http";

const eventSchema = z.object({
  type: z.enum(["impression", "continue"]),
  surface: z.enum(SURFACES),
  variant: z.enum(VARIANTS),
});

/**
 * POST /api/ask/event: the page's fire-and-forget beacon. An impression counts toward the reader's cap (in
 * their cookie) and the day's funnel; the counter is written after the response, so the page never waits.
 */
export async function handleAskEvent(request: NextRequest): Promise<NextResponse> {
  const cors = corsHeaders(request);
  if (!cors) return NextResponse.json({ error: "This origin may not embed the ask." }, { status: 403 });
  const text = await request.text();
  if (text.length > 1024) return NextResponse.json({ error: "Event too large." }, { status: 413, headers: cors });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: "Send the event as JSON." }, { status: 400, headers: cors });
  }
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: "Unknown event." }, { status: 400, headers: cors });

  const response = new NextResponse(null, { status: 204, headers: cors });
  if (looksLikeBot(request)) return response;
  const now = askNow((name) => request.cookies.get(name)?.value);
  const { type, surface, variant } = parsed.data;
  // The support page is where readers go to give: seeing it there never counts toward the article cap.
  if (type === "impression" && surface !== "support-page") {
    const { state, context } = readReader(request);
    writeReader(response, countImpression(state, now), context);
  }
  after(() => countFunnelStep(getSqlDb(), type === "impression" ? "impressions" : "continues", { surface, variant, at: new Date(now * 1000) }));
  return response;
}
