import type { HandlerContext } from "./context";
import { paymentIntentObject } from "./objects";

/**
 * Why a payment failed, as Stripe tells the payer: the payment intent's last_payment_error ("Your card was
 * declined.", "…insufficient funds…"); events about invoices and sessions do not carry it, so it is read.
 * Null when the intent has no error (any more: a later attempt succeeded) or cannot be read: the reason is for
 * staff to read, and a Stripe hiccup must not hold back the record that the payment failed (callers then fall
 * back to a generic line).
 */
export async function paymentFailureMessage(
  ctx: HandlerContext,
  paymentIntentId: string,
): Promise<string | null> {
  try {
    const intent = paymentIntentObject.parse(
      await ctx.stripe.paymentIntents.retrieve(paymentIntentId),
    );
    return intent.last_payment_error?.message?.trim() || null;
  } catch (error) {
    console.warn(
      `webhook: could not read why ${paymentIntentId} failed (${error instanceof Error ? error.message : String(error)}); recording a generic reason`,
    );
    return null;
  }
}
