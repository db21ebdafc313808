import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import type { SubscriptionObject } from "../stripe/webhook/objects";
import { decideSnapshot, isTerminal } from "./ordering";
import { randomUUID } from "node:crypto";
import { freeAttemptId } from "../checkout/attempts";
import { enumValue, now, q } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";

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
export function membershipSnapshot(
  sub: SubscriptionObject,
  stateAt: Date,
): MembershipSnapshot | null {
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

type State = Omit<MembershipSnapshot, "checkoutAttemptId">;

/** One state of a membership's history (a MembershipChange row): what held from `at`. */
export type MembershipChangeState = {
  at: Date;
  status: MembershipStatus;
  interval: BillingInterval;
  amount: number;
  currency: string;
  cancelAtPeriodEnd: boolean;
};

/** The state columns a snapshot sets (the checkout attempt is linked once, never moved). */
function stateColumns(p: State) {
  return {
    stripeSubscriptionId: p.stripeSubscriptionId,
    stripeCustomerId: p.stripeCustomerId,
    status: enumValue("MembershipStatus", p.status),
    interval: enumValue("BillingInterval", p.interval),
    amount: p.amount,
    currency: p.currency,
    currentPeriodEnd: p.currentPeriodEnd,
    cancelAtPeriodEnd: p.cancelAtPeriodEnd,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
    stateAt: p.stateAt,
    updatedAt: now,
  };
}

const FIND = prepare((p: { stripeSubscriptionId: string }) =>
  q
    .selectFrom("Membership")
    .select(["id", "supporterId", "status"])
    .where("stripeSubscriptionId", "=", p.stripeSubscriptionId),
);

/** The membership of a subscription, unlocked: its id, supporter and status, or undefined. */
export function findMembership(sql: Sql, stripeSubscriptionId: string) {
  return FIND.first(sql, { stripeSubscriptionId });
}

const LINK_ATTEMPT = prepare((p: { membershipId: string; checkoutAttemptId: string }) =>
  q
    .updateTable("Membership")
    .set({ checkoutAttemptId: freeAttemptId(p.checkoutAttemptId), updatedAt: now })
    .where("id", "=", p.membershipId)
    .where("checkoutAttemptId", "is", null)
    .where(freeAttemptId(p.checkoutAttemptId), "is not", null),
);

/** Links a membership to the checkout attempt that started it, unless it has one or the attempt is taken. */
export async function linkMembershipAttempt(
  sql: Sql,
  membershipId: string,
  checkoutAttemptId: string,
): Promise<void> {
  await LINK_ATTEMPT.exec(sql, { membershipId, checkoutAttemptId });
}

const LOCK = prepare((p: { stripeSubscriptionId: string }) =>
  q
    .selectFrom("Membership")
    .select([
      "id",
      "status",
      "amount",
      "currency",
      "interval",
      "currentPeriodEnd",
      "cancelAtPeriodEnd",
      "endedAt",
      "stateAt",
      "checkoutAttemptId",
    ])
    .where("stripeSubscriptionId", "=", p.stripeSubscriptionId)
    .forUpdate(),
);

// An attempt id that names no attempt (or one already taken) links nothing: the subquery finds no row.
const INSERT = prepare(
  (p: State & { id: string; supporterId: string; checkoutAttemptId: string | null }) =>
    q
      .insertInto("Membership")
      .values({
        ...stateColumns(p),
        id: p.id,
        supporterId: p.supporterId,
        checkoutAttemptId: freeAttemptId(p.checkoutAttemptId),
      })
      .returning("id"),
);

const UPDATE = prepare((p: State & { id: string }) =>
  q.updateTable("Membership").set(stateColumns(p)).where("id", "=", p.id),
);

const RECORD_CHANGE = prepare((p: MembershipChangeState & { id: string; membershipId: string }) =>
  q
    .insertInto("MembershipChange")
    .values({
      id: p.id,
      membershipId: p.membershipId,
      at: p.at,
      status: enumValue("MembershipStatus", p.status),
      interval: enumValue("BillingInterval", p.interval),
      amount: p.amount,
      currency: p.currency,
      cancelAtPeriodEnd: p.cancelAtPeriodEnd,
    })
    .onConflict((c) => c.doNothing()),
);

/**
 * Keeps a state in the membership's history at the time it held: a late, older snapshot too (it is history,
 * only not the present). The same state at the same time (a redelivered event) is kept once.
 */
async function recordChange(sql: Sql, membershipId: string, state: State): Promise<void> {
  await RECORD_CHANGE.exec(sql, {
    id: randomUUID(),
    membershipId,
    at: state.stateAt,
    status: state.status,
    interval: state.interval,
    amount: state.amount,
    currency: state.currency,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
  });
}

/**
 * Applies a subscription snapshot unless what we hold is newer. The row is read with its lock so two events for
 * one subscription, applied concurrently, cannot interleave their read and write. When the order cannot be
 * told (two states in one second), `reread` fetches the subscription's current state from Stripe.
 */
export async function applyMembershipSnapshot(
  sql: Sql,
  supporterId: string,
  snap: MembershipSnapshot,
  reread: () => Promise<MembershipSnapshot | null>,
): Promise<string> {
  const current = await LOCK.first(sql, { stripeSubscriptionId: snap.stripeSubscriptionId });
  if (!current) {
    const created = await INSERT.first(sql, { ...snap, id: randomUUID(), supporterId });
    await recordChange(sql, created!.id, snap);
    return created!.id;
  }
  const decision = decideSnapshot(current, snap);
  const chosen = decision === "apply" ? snap : decision === "reread" ? await reread() : null;
  if (chosen && !(isTerminal(current.status) && !isTerminal(chosen.status))) {
    await UPDATE.exec(sql, { ...chosen, stateAt: snap.stateAt, id: current.id });
    await recordChange(sql, current.id, { ...chosen, stateAt: snap.stateAt });
  } else if (!chosen && decision !== "reread") {
    await recordChange(sql, current.id, snap); // an older state, late: history, not the present
  }
  if (!current.checkoutAttemptId && snap.checkoutAttemptId) {
    await linkMembershipAttempt(sql, current.id, snap.checkoutAttemptId);
  }
  return current.id;
}
