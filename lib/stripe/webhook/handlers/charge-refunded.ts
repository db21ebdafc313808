import type Stripe from "stripe";
import { applyRefund } from "../../../membership/payments";
import { recordRefunds, type RefundRecord } from "../../../membership/refunds";
import { AppError } from "../../../errors/app-error";
import { isOurCharge } from "../charge-ownership";
import type { EventHandler } from "../context";
import { chargeObject, chargeWithRefundsObject, refundObject, type RefundObject } from "../objects";

/**
 * charge.refunded: the charge carries the cumulative refunded amount, so applying it twice is harmless. Each
 * refund is recorded too, with its own date, from the charge re-read now (the event's copy has no refunds list
 * in this API version): every delivery sees the full current list, so duplicates and late events converge.
 * The re-read happens with the payment locked (by applyRefund), so concurrent deliveries write in read order.
 */
export const chargeRefunded: EventHandler = async (ctx) => {
  const charge = chargeObject.parse(ctx.event.data.object);
  if (!charge.payment_intent) return "ignored";
  const paymentId = await applyRefund(ctx.tx, charge.payment_intent, charge.amount_refunded);
  if (!paymentId) {
    // Not a charge of ours (merch, a Payment Link on the same account): acknowledged, never retried.
    if (!(await isOurCharge(ctx, charge))) return "ignored";
    // Ours, but its payment's event has not arrived yet: Stripe redelivers this one later.
    throw new AppError(
      "retry_later",
      `No payment recorded yet for ${charge.payment_intent}; retry later.`,
    );
  }
  const refunds = await refundsOfCharge(ctx.stripe, charge.id);
  await recordRefunds(ctx.tx, paymentId, refunds.map(toRecord));
  return "applied";
};

async function refundsOfCharge(stripe: Stripe, chargeId: string): Promise<RefundObject[]> {
  const current = chargeWithRefundsObject.parse(
    await stripe.charges.retrieve(chargeId, { expand: ["refunds"] }),
  );
  if (!current.refunds.has_more) return current.refunds.data;
  // More refunds than the expanded list holds (Stripe includes the first 10): read them all.
  const all = await stripe.refunds
    .list({ charge: chargeId, limit: 100 })
    .autoPagingToArray({ limit: 10_000 });
  return all.map((r) => refundObject.parse(r));
}

const toRecord = (r: RefundObject): RefundRecord => ({
  stripeRefundId: r.id,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  createdAt: new Date(r.created * 1000),
});
