import type Stripe from "stripe";
import { db, getSqlDb } from "../../db";
import { env } from "../../env";
import { AppError, isAppError } from "../../errors/app-error";
import { errorResponse } from "../../http/pipeline";
import { readBodyText } from "../../http/read-body";
import { stripe, STRIPE_API_VERSION } from "../client";
import { apiVersionMismatch, isStripeEvent } from "./event-envelope";
import { processEvent } from "./process-event";

// Stripe's largest events are well under this; anything bigger is not from Stripe.
const MAX_BODY_BYTES = 512 * 1024;

const API_VERSION_FIX =
  `Set this webhook endpoint's API version to ${STRIPE_API_VERSION} (Stripe Dashboard → Developers → Webhooks, or create the endpoint with ` +
  `api_version ${STRIPE_API_VERSION} and put its signing secret in STRIPE_WEBHOOK_SECRET); Stripe retries refused events for three days.`;

/** Refusals in the one JSON error shape; Stripe reads only the status (non-2xx: it retries for three days). */
function refuse(
  code: "bad_signature" | "invalid_input" | "retry_later",
  message: string,
): Response {
  return errorResponse(new AppError(code, message));
}

/**
 * POST /api/stripe/webhook. 400 for anything that is not a correctly signed Stripe event (Stripe will not
 * fix it by retrying), 2xx once applied, ignored or already seen, 5xx when a retry could succeed.
 */
export async function handleWebhookRequest(request: Request): Promise<Response> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return refuse("bad_signature", "Missing Stripe-Signature header.");
  // Read with a byte counter (413 at the cap, nothing more buffered); the raw text reaches the signature check as sent.
  let body: string;
  try {
    body = await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    return errorResponse(error);
  }

  const client = stripe();
  let event: Stripe.Event;
  try {
    event = client.webhooks.constructEvent(body, signature, env().webhookSecret);
  } catch {
    return refuse("bad_signature", "Invalid signature.");
  }
  if (!isStripeEvent(event)) return refuse("invalid_input", "Not a Stripe event.");
  const mismatch = apiVersionMismatch(event);
  if (mismatch) {
    console.error(`webhook: ${event.type} ${event.id} refused, ${mismatch}: ${API_VERSION_FIX}`);
    return refuse("invalid_input", `Event ${mismatch}. ${API_VERSION_FIX}`);
  }

  try {
    const result = await processEvent(event, { db, sql: getSqlDb(), stripe: client });
    return Response.json({ received: true, result });
  } catch (error) {
    const retryLater = isAppError(error) && error.code === "retry_later";
    console.error(
      `webhook: ${event.type} ${event.id} not applied; Stripe will retry`,
      retryLater ? error.message : error,
    );
    if (retryLater) return refuse("retry_later", "Not applied; please retry.");
    return Response.json(
      { error: { code: "internal", message: "Not applied; please retry." } },
      { status: 500 },
    );
  }
}
