import { z } from "zod";
import { getSqlDb } from "../db";
import { AppError } from "../errors/app-error";
import { readCookie } from "../http/cookies";
import { errorResponse, parseInput, readInput } from "../http/pipeline";
import { addressKey } from "../security/client-address";
import { clientIp, enforce } from "../security/rate-limit";
import { SURFACES, VARIANTS } from "./config";
import { countImpression } from "./should-show-ask";
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
 * Beacons are limited per browser and per address, so a script cannot inflate the funnel's counts.
 * `after` runs work once the response is sent (the route passes Next's after()).
 */
export async function handleAskEvent(
  request: Request,
  after: (work: () => Promise<unknown>) => void,
): Promise<Response> {
  const cors = corsHeaders(request);
  try {
    if (!cors) throw new AppError("forbidden", "This origin may not embed the ask.");
    // The embed sends its JSON as text/plain (a simple request: no preflight before a beacon).
    const { input } = await readInput(request, { maxBytes: 1024, accept: ["json", "json-text"] });
    const { type, surface, variant } = parseInput(eventSchema, input, "Unknown event.");

    const response = new Response(null, { status: 204, headers: cors });
    if (looksLikeBot(request)) return response;
    const reader = readReader(request);
    const address = clientIp(request);
    // A browser without a cookie is a fresh one: this address's fresh browsers share one reader budget.
    await enforce(
      [
        ["beacon-ip", address],
        ["beacon-reader", reader.isNew ? `new@${addressKey(address)}` : reader.state.k],
      ],
      "Too many ask events from this browser.",
    );
    const now = askNow((name) => readCookie(request, name));
    // The support page is where readers go to give: seeing it there never counts toward the article cap.
    if (type === "impression" && surface !== "support-page")
      writeReader(response, countImpression(reader.state, now), reader.context);
    after(() =>
      countFunnelStep(getSqlDb(), type === "impression" ? "impressions" : "continues", {
        surface,
        variant,
        at: new Date(now * 1000),
      }),
    );
    return response;
  } catch (error) {
    return errorResponse(error, { headers: cors ?? {} });
  }
}
