import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import type { SubscriptionObject } from "../stripe/webhook/objects";
import { decideSnapshot, isTerminal } from "./ordering";
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

/** The columns a snapshot sets; the checkout attempt is linked once and never moved. */
function stateFields(snap: MembershipSnapshot): Omit<MembershipSnapshot, "checkoutAttemptId"> {
  const state: Partial<MembershipSnapshot> = { ...snap };
  delete state.checkoutAttemptId;
  return state as Omit<MembershipSnapshot, "checkoutAttemptId">;
}

async function knownAttempt(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const attempt = await tx.checkoutAttempt.findUnique({ where: { id }, select: { id: true, membership: true } });
  return attempt && !attempt.membership ? attempt.id : null;
}

/**
 * Applies a subscription snapshot unless what we hold is newer. The row is locked first so two events for
 * one subscription, applied concurrently, cannot interleave their read and write. When the order cannot be
 * told (two states in one second), `reread` fetches the subscription's current state from Stripe.
 */
export async function applyMembershipSnapshot(
  tx: Tx,
  supporterId: string,
  snap: MembershipSnapshot,
  reread: () => Promise<MembershipSnapshot | null>,
): Promise<string> {
  const locked = await tx.$queryRaw<unknown[]>`SELECT id FROM "Membership" WHERE "stripeSubscriptionId" = ${snap.stripeSubscriptionId} FOR UPDATE`;
  const current = locked.length > 0 ? await tx.membership.findUnique({ where: { stripeSubscriptionId: snap.stripeSubscriptionId } }) : null;
  if (!current) {
    const created = await tx.membership.create({
      data: { ...stateFields(snap), supporterId, checkoutAttemptId: await knownAttempt(tx, snap.checkoutAttemptId) },
    });
    return created.id;
  }
  const decision = decideSnapshot(current, snap);
  const chosen = decision === "apply" ? snap : decision === "reread" ? await reread() : null;
  if (chosen && !(isTerminal(current.status) && !isTerminal(chosen.status))) {
    await tx.membership.update({ where: { id: current.id }, data: { ...stateFields(chosen), stateAt: snap.stateAt } });
  }
  if (!current.checkoutAttemptId && snap.checkoutAttemptId) {
    const attemptId = await knownAttempt(tx, snap.checkoutAttemptId);
    if (attemptId) await tx.membership.update({ where: { id: current.id }, data: { checkoutAttemptId: attemptId } });
  }
  return current.id;
}
