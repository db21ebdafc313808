import { attemptExists } from "../../checkout/attempts";
import { findMembership } from "../../membership/memberships";
import type { HandlerContext } from "./context";
import { invoiceObject, invoicePaymentListObject, paymentIntentObject } from "./objects";

type ChargeRef = { payment_intent?: string | null; metadata: Record<string, string> };

/**
 * Whether a charge (refunded, disputed) is money this app took, decided from Stripe's own data when we hold no
 * payment for it: the account may also take money we know nothing of (merch, a Payment Link), and an event about
 * such a charge must be acknowledged and ignored, not retried for three days. Ours are:
 * - a one-time gift: our Checkout sets `checkout_attempt_id` in the payment intent's metadata
 *   (lib/checkout/session-params.ts), which Stripe copies to its charges;
 * - a membership payment: the payment intent belongs to an invoice whose subscription is one of ours (a
 *   membership we hold, or `checkout_attempt_id` in the subscription's metadata, which the invoice's parent
 *   carries). In this API version only the invoice's payments name the intent, so that list is asked.
 * In both cases the attempt id must be one of our CheckoutAttempt rows (another app on the same account could use
 * the same metadata key). A charge of ours whose payment we have not recorded yet is the caller's to retry.
 */
export async function isOurCharge(ctx: HandlerContext, charge: ChargeRef): Promise<boolean> {
  if (await attemptExists(ctx.tx, charge.metadata.checkout_attempt_id)) return true;
  const paymentIntentId = charge.payment_intent;
  if (!paymentIntentId) return false; // a bare charge (the Charges API): never made by our Checkout
  const found = await ctx.stripe.paymentIntents
    .retrieve(paymentIntentId)
    .catch((error: unknown) => {
      // Not on the account our key reads: not a payment this app took.
      if ((error as { code?: string }).code === "resource_missing") return null;
      throw error;
    });
  if (!found) return false;
  const intent = paymentIntentObject.parse(found);
  if (await attemptExists(ctx.tx, intent.metadata.checkout_attempt_id)) return true;

  const payments = invoicePaymentListObject.parse(
    await ctx.stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: paymentIntentId },
      limit: 1,
    }),
  );
  const invoiceId = payments.data[0]?.invoice;
  if (!invoiceId) return false;
  const invoice = invoiceObject.parse(await ctx.stripe.invoices.retrieve(invoiceId));
  const subscription = invoice.parent?.subscription_details;
  if (!subscription) return false;
  if (await attemptExists(ctx.tx, subscription.metadata.checkout_attempt_id)) return true;
  return (await findMembership(ctx.tx, subscription.subscription)) !== undefined;
}
