import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import type { SubscriptionObject } from "../stripe/webhook/objects";
import { shouldApplySnapshot } from "./ordering";
import type { Tx } from "../db";

export type MembershipSnapshot = {
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: MembershipStatus;
  interval: BillingInterval;
  amount: number;
  currency: string;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  startedAt: Date;
  endedAt: Date | null;
  checkoutAttemptId: string | null;
  stateAt: Date;
};

const INTERVALS: Partial<Record<string, BillingInterval>> = { month: "MONTH", year: "YEAR" };

/** Reads a Stripe subscription into our terms; null for plans this product does not sell (daily, weekly). */
export function membershipSnapshot(sub: SubscriptionObject, stateAt: Date): MembershipSnapshot | null {
  const item = sub.items.data[0]!;
  const interval = INTERVALS[item.price.recurring?.interval ?? ""];
  if (!interval) return null;
  return {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: sub.customer,
    status: sub.status.toUpperCase() as MembershipStatus,
    interval,
    amount: (item.price.unit_amount ?? 0) * (item.quantity ?? 1),
    currency: item.price.currency.toUpperCase(),
    currentPeriodEnd: new Date(item.current_period_end * 1000),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    startedAt: new Date(sub.start_date * 1000),
    endedAt: sub.ended_at ? new Date(sub.ended_at * 1000) : null,
    checkoutAttemptId: sub.metadata.checkout_attempt_id ?? null,
    stateAt,
  };
}

async function knownAttempt(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const attempt = await tx.checkoutAttempt.findUnique({ where: { id }, select: { id: true, membership: true } });
  return attempt && !attempt.membership ? attempt.id : null;
}

/**
 * Applies a subscription snapshot unless what we hold is newer. The row is locked first so two events for
 * one subscription, applied concurrently, cannot interleave their read and write.
 */
export async function applyMembershipSnapshot(tx: Tx, supporterId: string, snap: MembershipSnapshot): Promise<string> {
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "stripeSubscriptionId" = ${snap.stripeSubscriptionId} FOR UPDATE`;
  const current = await tx.membership.findUnique({ where: { stripeSubscriptionId: snap.stripeSubscriptionId } });
  const { checkoutAttemptId, ...state } = snap;
  if (!current) {
    const created = await tx.membership.create({
      data: { ...state, supporterId, checkoutAttemptId: await knownAttempt(tx, checkoutAttemptId) },
    });
    return created.id;
  }
  if (shouldApplySnapshot(current, snap)) {
    await tx.membership.update({ where: { id: current.id }, data: state });
  }
  if (!current.checkoutAttemptId && checkoutAttemptId) {
    const attemptId = await knownAttempt(tx, checkoutAttemptId);
    if (attemptId) await tx.membership.update({ where: { id: current.id }, data: { checkoutAttemptId: attemptId } });
  }
  return current.id;
}
