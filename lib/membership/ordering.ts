/**
 * Pure rules that make late, duplicate and out-of-order Stripe events converge.
 */
import type { MembershipStatus, PaymentStatus } from "../../generated/prisma/enums";

const TERMINAL: ReadonlySet<MembershipStatus> = new Set(["CANCELED", "INCOMPLETE_EXPIRED"]);

// Lifecycle order, used only to break ties between snapshots stamped in the same second.
const LIFECYCLE_RANK: Record<MembershipStatus, number> = {
  INCOMPLETE: 0,
  TRIALING: 1,
  ACTIVE: 2,
  PAST_DUE: 3,
  UNPAID: 4,
  PAUSED: 5,
  INCOMPLETE_EXPIRED: 6,
  CANCELED: 7,
};

export type Snapshot = { status: MembershipStatus; stateAt: Date };

export function isTerminal(status: MembershipStatus): boolean {
  return TERMINAL.has(status);
}

/** Whether a subscription snapshot should replace what we hold. Stripe never revives an ended subscription. */
export function shouldApplySnapshot(current: Snapshot | null, next: Snapshot): boolean {
  if (!current) return true;
  if (isTerminal(current.status) !== isTerminal(next.status)) return isTerminal(next.status);
  const diff = next.stateAt.getTime() - current.stateAt.getTime();
  if (diff !== 0) return diff > 0;
  return LIFECYCLE_RANK[next.status] >= LIFECYCLE_RANK[current.status];
}

// A payment only moves forward: a failure reported late never undoes a success, a success never undoes a refund.
const PAYMENT_RANK: Record<PaymentStatus, number> = {
  PENDING: 0,
  FAILED: 1,
  SUCCEEDED: 2,
  PARTIALLY_REFUNDED: 3,
  REFUNDED: 4,
};

export function laterPaymentStatus(current: PaymentStatus, next: PaymentStatus): PaymentStatus {
  return PAYMENT_RANK[next] > PAYMENT_RANK[current] ? next : current;
}

export function refundStatus(amount: number, amountRefunded: number): PaymentStatus {
  if (amountRefunded <= 0) return "SUCCEEDED";
  return amountRefunded >= amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
}
