import { z } from "zod";
import { AppError } from "../errors/app-error";
import { readCookie } from "../http/cookies";
import { errorResponse, parseInput, readInput } from "../http/pipeline";
import { addressKey } from "../security/client-address";
import { clientIp, enforce } from "../security/rate-limit";
import { SURFACES, VARIANTS } from "./config";
import { countImpression } from "./should-show-ask";
import { bufferFunnelStep } from "./funnel-buffer";
import { askNow, corsHeaders, looksLikeBot, readReader, writeReader } from "./http";

const eventSchema = z.object({
  type: z.literal("impression", { error: "Unknown event." }),
  surface: z.enum(SURFACES),
  variant: z.enum(VARIANTS),
});

type AskEvent = z.infer<typeof eventSchema>;

/** A transparent 1×1 GIF: the no-JavaScript impression is an image request. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * POST /api/ask/event: the page's fire-and-forget impression beacon (GET, as an image, from a page without
 * JavaScript). An impression counts toward the reader's cap (in their cookie) and the day's funnel; the funnel's
 * counter is added up in memory and written with the others about once a second (lib/ask/funnel-buffer.ts), so
 * a page view costs no database statement. Beacons are limited per browser and per address, so
 * a script cannot inflate the funnel's counts. The later steps (Continue, Checkout, paid) are counted on the
 * server where they happen (lib/checkout/create-checkout.ts, the webhook), for readers with and without
 * JavaScript alike.
 */
export async function handleAskEvent(request: Request): Promise<Response> {
  const cors = corsHeaders(request);
  try {
    if (!cors) throw new AppError("forbidden", "This origin may not embed the ask.");
    // The embed sends its JSON as text/plain (a simple request: no preflight before a beacon).
    const { input } = await readInput(request, { maxBytes: 1024, accept: ["json", "json-text"] });
    const event = parseInput(eventSchema, input, "Unknown event.");
    return await recordImpression(
      request,
      event,
      new Response(null, { status: 204, headers: cors }),
    );
  } catch (error) {
    return errorResponse(error, { headers: cors ?? {} });
  }
}

/** GET /api/ask/event?type=impression&surface=…&variant=…: the same, as an image in a <noscript>. */
export async function handleAskPixel(request: Request): Promise<Response> {
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const event = parseInput(eventSchema, query, "Unknown event.");
    const pixel = new Response(PIXEL, {
      headers: { "Content-Type": "image/gif", "Cache-Control": "private, no-store" },
    });
    return await recordImpression(request, event, pixel);
  } catch (error) {
    return errorResponse(error);
  }
}

async function recordImpression(
  request: Request,
  { surface, variant }: AskEvent,
  response: Response,
): Promise<Response> {
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
  if (surface !== "support-page")
    writeReader(response, countImpression(reader.state, now), reader.context);
  bufferFunnelStep("impressions", { surface, variant, at: new Date(now * 1000) });
  return response;
}
