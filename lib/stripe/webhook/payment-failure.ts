import type { HandlerContext } from "./context";
import { paymentIntentObject } from "./objects";

/**
 * Why a payment failed, as Stripe tells the payer: the payment intent's last_payment_error ("Your card was
 * declined.", "…insufficient funds…"). Read from Stripe (events about invoices and sessions do not carry it);
 * null when the intent has no error (any more: a later attempt succeeded), so callers keep what they know.
 */
export async function paymentFailureMessage(ctx: HandlerContext, paymentIntentId: string): Promise<string | null> {
  const intent = paymentIntentObject.parse(await ctx.stripe.paymentIntents.retrieve(paymentIntentId));
  return intent.last_payment_error?.message?.trim() || null;
}
