import { z } from "zod";
import { readReader, writeReader } from "../ask/http";
import { env } from "../env";
import { seeOther } from "../http/respond";
import { parseReturnTo, returnPolicy, returnToValue } from "../http/return-to";
import { describeError } from "../security/redact";
import { payerToRecognise, waitForCheckoutOutcome, type CheckoutOutcome } from "./outcome";

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/);

/** The thank-you page for a session, with the article to go back to; `waited` tells it not to wait again. */
export function thanksUrl(sessionId: string | null, to: string | null, waited: boolean): URL {
  const url = new URL("/support/thanks", env().APP_URL);
  if (sessionId) url.searchParams.set("session_id", sessionId);
  const back = parseReturnTo(to, returnPolicy());
  if (back) url.searchParams.set("to", returnToValue(back));
  if (waited) url.searchParams.set("waited", "1");
  return url;
}

/**
 * GET /support/thanks/return?session_id=…&to=…: Checkout's success URL. Waits briefly for the webhook's record,
 * and once the payment is confirmed marks this browser as the supporter's (in a server redirect, so a reader
 * without JavaScript is recognised too), then shows the thank-you page. Records nothing about the payment.
 */
export async function handleCheckoutReturn(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const parsed = sessionIdSchema.safeParse(query.get("session_id"));
  const sessionId = parsed.success ? parsed.data : null;
  let outcome: CheckoutOutcome = { state: "unknown" };
  if (sessionId) {
    try {
      outcome = await waitForCheckoutOutcome(sessionId);
    } catch (error) {
      // The thank-you page says what it can (or shows the unavailable page); recognition can wait.
      console.error(
        `checkout return: could not read session ${sessionId}: ${describeError(error)}`,
      );
    }
  }
  const response = seeOther(thanksUrl(sessionId, query.get("to"), outcome.state !== "unknown"));
  const payer = payerToRecognise(outcome, new Date());
  if (payer) {
    // A navigation from Checkout arrives cross-site, but it is our own page's cookie that should remember.
    const { state } = readReader(request, "first-party");
    writeReader(response, { ...state, p: payer }, "first-party");
  }
  return response;
}
