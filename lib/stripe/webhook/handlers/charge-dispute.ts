import { AppError } from "../../../errors/app-error";
import { findPaymentIdByIntent } from "../../../membership/payments";
import { recordDispute } from "../../../membership/disputes";
import { isOurCharge } from "../charge-ownership";
import type { EventHandler, HandlerContext } from "../context";
import { chargeObject, disputeObject, type DisputeObject } from "../objects";

/** The disputed charge's payment intent and metadata: on the dispute, or (a dispute without one) its charge re-read. */
async function disputedCharge(
  ctx: HandlerContext,
  dispute: DisputeObject,
): Promise<{ payment_intent: string | null; metadata: Record<string, string> }> {
  if (dispute.payment_intent) return { payment_intent: dispute.payment_intent, metadata: {} };
  const charge = chargeObject.parse(await ctx.stripe.charges.retrieve(dispute.charge));
  return { payment_intent: charge.payment_intent ?? null, metadata: charge.metadata };
}

/**
 * charge.dispute.created / .updated / .closed / .funds_withdrawn / .funds_reinstated: each carries the whole
 * dispute, recorded against the payment it disputes (lib/membership/disputes.ts keeps the newest state, whatever
 * the order of delivery). A dispute of a charge this app did not take is ignored; one of ours that arrives before
 * its payment is retried.
 */
export const chargeDispute: EventHandler = async (ctx) => {
  const dispute = disputeObject.parse(ctx.event.data.object);
  const charge = await disputedCharge(ctx, dispute); // before any lock is taken
  const paymentId = charge.payment_intent
    ? await findPaymentIdByIntent(ctx.tx, charge.payment_intent)
    : undefined;
  if (!paymentId) {
    if (!(await isOurCharge(ctx, charge))) return "ignored";
    throw new AppError(
      "retry_later",
      `No payment recorded yet for disputed charge ${dispute.charge}; retry later.`,
    );
  }
  await recordDispute(ctx.tx, paymentId, {
    stripeDisputeId: dispute.id,
    amount: dispute.amount,
    currency: dispute.currency,
    status: dispute.status,
    reason: dispute.reason,
    createdAt: new Date(dispute.created * 1000),
    observedAt: ctx.occurredAt,
  });
  return "applied";
};
