import type Stripe from "stripe";
import { z } from "zod";
import { STRIPE_API_VERSION } from "../client";

/**
 * What a verified body must be before anything reads it: a Stripe event's envelope. A correctly signed body can
 * still be `null`, an array or any other JSON (the signature covers bytes, not shape); that is bad input (400),
 * not a failure to retry.
 */
const envelope = z.object({
  id: z.string().min(1),
  object: z.literal("event").optional(),
  type: z.string().min(1),
  created: z.number().int(),
  livemode: z.boolean(),
  api_version: z.string().nullish(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export function isStripeEvent(value: unknown): value is Stripe.Event {
  return envelope.safeParse(value).success;
}

/**
 * The handlers read the field paths of one API version (STRIPE_API_VERSION): an event rendered in another has
 * other paths (an older invoice has `subscription` where ours has `parent.subscription_details`), so applying it
 * would misread it — ignore a payment, or fail forever. It is refused, with the fix, and nothing is recorded.
 */
export function apiVersionMismatch(event: Pick<Stripe.Event, "api_version">): string | null {
  if (event.api_version === STRIPE_API_VERSION) return null;
  return `rendered in API version ${event.api_version ?? "(none)"}, not ${STRIPE_API_VERSION}`;
}
