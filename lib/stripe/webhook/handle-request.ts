import type Stripe from "stripe";
import { db, getSqlDb } from "../../db";
import { env } from "../../env";
import { isAppError } from "../../errors/app-error";
import { errorResponse } from "../../http/pipeline";
import { readBodyText } from "../../http/read-body";
import { stripe } from "../client";
import { processEvent } from "./process-event";

// Stripe's largest events are well under this; anything bigger is not from Stripe.
const MAX_BODY_BYTES = 512 * 1024;

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
    return reply(400, { error: "Invalid signature." });
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
