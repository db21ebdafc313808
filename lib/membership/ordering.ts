/**
 * Pure rules that make late, duplicate and out-of-order Stripe events converge.
 */
import type { MembershipStatus, PaymentStatus } from "../../generated/prisma/enums";

const TERMINAL: ReadonlySet<MembershipStatus> = new Set(["CANCELED", "INCOMPLETE_EXPIRED"]);

export type Snapshot = {
  status: MembershipStatus;
  stateAt: Date;
  // The rest of the state, compared only when two snapshots share a second.
  amount?: number;
  currency?: string;
  interval?: string;
  currentPeriodEnd?: Date | null;
  cancelAtPeriodEnd?: boolean;
  endedAt?: Date | null;
};

export type SnapshotDecision = "apply" | "skip" | "reread";

export function isTerminal(status: MembershipStatus): boolean {
  return TERMINAL.has(status);
}

const time = (d: Date | null | undefined) => (d ? d.getTime() : null);

function sameState(a: Snapshot, b: Snapshot): boolean {
  return (
    a.status === b.status &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.interval === b.interval &&
    time(a.currentPeriodEnd) === time(b.currentPeriodEnd) &&
    a.cancelAtPeriodEnd === b.cancelAtPeriodEnd &&
    time(a.endedAt) === time(b.endedAt)
  );
}

/**
 * Whether a subscription snapshot should replace what we hold. Stripe never revives an ended subscription, so
 * an ended state always wins; otherwise the newer snapshot wins. Stripe stamps events in whole seconds: when two
 * different states share a second (two renewals, a renewal and an amount change — not only two statuses),
 * neither can be trusted to be the later one and the subscription is re-read.
 */
export function decideSnapshot(current: Snapshot | null, next: Snapshot): SnapshotDecision {
  if (!current) return "apply";
  if (isTerminal(current.status) !== isTerminal(next.status))
    return isTerminal(next.status) ? "apply" : "skip";
  const diff = next.stateAt.getTime() - current.stateAt.getTime();
  if (diff !== 0) return diff > 0 ? "apply" : "skip";
  return sameState(current, next) ? "apply" : "reread";
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
