import type Stripe from "stripe";
import { db, getSqlDb } from "../../db";
import { env } from "../../env";
import { isAppError } from "../../errors/app-error";
import { stripe, STRIPE_API_VERSION } from "../client";
import { apiVersionMismatch, isStripeEvent } from "./event-envelope";
import { processEvent } from "./process-event";

// Stripe's largest events are well under this; anything bigger is not from Stripe.
const MAX_BODY_BYTES = 512 * 1024;

const API_VERSION_FIX =
  `Set this webhook endpoint's API version to ${STRIPE_API_VERSION} (Stripe Dashboard → Developers → Webhooks, or create the endpoint with ` +
  `api_version ${STRIPE_API_VERSION} and put its signing secret in STRIPE_WEBHOOK_SECRET); Stripe retries refused events for three days.`;

function reply(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status });
}

/**
 * POST /api/stripe/webhook. 400 for anything that is not a correctly signed Stripe event (Stripe will not
 * fix it by retrying), 2xx once applied, ignored or already seen, 5xx when a retry could succeed.
 */
export async function handleWebhookRequest(request: Request): Promise<Response> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return reply(400, { error: "Missing Stripe-Signature header." });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return reply(413, { error: "Payload too large." });
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return reply(413, { error: "Payload too large." });

  const client = stripe();
  let event: Stripe.Event;
  try {
    event = client.webhooks.constructEvent(body, signature, env().webhookSecret);
  } catch {
    return reply(400, { error: "Invalid signature." });
  }
  if (!isStripeEvent(event)) return reply(400, { error: "Not a Stripe event." });
  const mismatch = apiVersionMismatch(event);
  if (mismatch) {
    console.error(`webhook: ${event.type} ${event.id} refused, ${mismatch}: ${API_VERSION_FIX}`);
    return reply(400, { error: `Event ${mismatch}. ${API_VERSION_FIX}` });
  }

  try {
    const result = await processEvent(event, { db, sql: getSqlDb(), stripe: client });
    return reply(200, { received: true, result });
  } catch (error) {
    const retryLater = isAppError(error) && error.code === "retry_later";
    console.error(`webhook: ${event.type} ${event.id} not applied; Stripe will retry`, retryLater ? error.message : error);
    return reply(retryLater ? 503 : 500, { error: "Not applied; please retry." });
  }
}
