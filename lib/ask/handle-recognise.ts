import { z } from "zod";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { errorResponse, parseInput, readInput } from "../http/pipeline";
import { assertSameSite } from "../security/origin";
import { findCheckoutOutcome, payerToRecognise } from "../checkout/outcome";
import { corsHeaders, readReader, writeReader } from "./http";
import { readRecognitionToken } from "./recognition-token";

const sessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/);
const bodySchema = z.union([
  z.object({ sessionId }),
  z.object({ token: z.string().min(1).max(1000) }),
]);

function isSameSite(request: Request): boolean {
  try {
    assertSameSite(request);
    return true;
  } catch {
    return false;
  }
}

/** A page on one of the embed's host sites (its CORS is granted), never an opaque or missing origin. */
function isEmbedHost(request: Request, cors: Record<string, string> | null): boolean {
  const origin = request.headers.get("origin");
  return Boolean(cors && origin && origin !== "null" && cors["Access-Control-Allow-Origin"]);
}

/**
 * POST /api/ask/recognise: marks this browser as a supporter's, so the ask thanks them instead of asking again.
 * - `{ sessionId }` from our thank-you page (with JavaScript, once a late webhook has recorded the payment):
 *   the paid Checkout Session's id is what Stripe sent this browser back with, whichever browser key started it.
 * - `{ token }` from the embed on the article the reader went back to: the thank-you page's short-lived signed
 *   token (lib/ask/recognition-token.ts), exchanged for the embed's own partitioned cookie.
 */
export async function handleRecognise(request: Request): Promise<Response> {
  const cors = corsHeaders(request);
  const headers = cors ?? {};
  try {
    // Only our thank-you page may send a session id: another site must not mark a browser as a supporter's.
    // The embed's host sites (ASK_EMBED_ORIGINS) may send a token, which only our thank-you page mints.
    const firstParty = isSameSite(request);
    if (!firstParty && !isEmbedHost(request, cors))
      throw new AppError("forbidden", "This origin may not embed the ask.");
    // The embed sends its JSON as text/plain (a simple request: no preflight).
    const { input } = await readInput(request, { maxBytes: 1024, accept: ["json", "json-text"] });
    const body = parseInput(bodySchema, input, "Unknown checkout.");
    if ("sessionId" in body && !firstParty)
      throw new AppError("forbidden", "Only our own pages may recognise a checkout.");
    const supporterId =
      "sessionId" in body
        ? payerToRecognise(await findCheckoutOutcome(body.sessionId), new Date())
        : readRecognitionToken(body.token, env().cookieSecret, Math.floor(Date.now() / 1000));
    if (!supporterId) return Response.json({ recognised: false }, { status: 409, headers });
    const { state, context } = readReader(request);
    const response = Response.json({ recognised: true }, { headers });
    writeReader(response, { ...state, p: supporterId }, context);
    return response;
  } catch (error) {
    return errorResponse(error, { headers });
  }
}
