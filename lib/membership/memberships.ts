import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import type { SubscriptionObject } from "../stripe/webhook/objects";
import { decideSnapshot, isTerminal } from "./ordering";
import { newId, type Sql } from "../db/sql";

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

type MembershipRow = {
  id: string;
  status: MembershipStatus;
  amount: number;
  currency: string;
  interval: BillingInterval;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  endedAt: Date | null;
  stateAt: Date;
  checkoutAttemptId: string | null;
};

/** A checkout attempt id, as long as that attempt exists and no membership holds it yet (else null). */
const FREE_ATTEMPT = `(SELECT a."id" FROM "CheckoutAttempt" a WHERE a."id" = $1
  AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."checkoutAttemptId" = a."id"))`;

/** The state columns a snapshot sets, as parameters $2…$12 (the checkout attempt is linked once, never moved). */
function stateValues(snap: MembershipSnapshot, stateAt: Date) {
  return [
    snap.stripeSubscriptionId,
    snap.stripeCustomerId,
    snap.status,
    snap.interval,
    snap.amount,
    snap.currency,
    snap.currentPeriodEnd,
    snap.cancelAtPeriodEnd,
    snap.startedAt,
    snap.endedAt,
    stateAt,
  ];
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
  const [current] = await sql.query<MembershipRow>(
    `SELECT "id", "status"::text, "amount", "currency", "interval"::text, "currentPeriodEnd", "cancelAtPeriodEnd", "endedAt",
       "stateAt", "checkoutAttemptId"
     FROM "Membership" WHERE "stripeSubscriptionId" = $1 FOR UPDATE`,
    [snap.stripeSubscriptionId],
  );
  if (!current) {
    const [created] = await sql.query<{ id: string }>(
      `INSERT INTO "Membership" ("checkoutAttemptId", "stripeSubscriptionId", "stripeCustomerId", "status", "interval", "amount",
         "currency", "currentPeriodEnd", "cancelAtPeriodEnd", "startedAt", "endedAt", "stateAt", "id", "supporterId", "updatedAt")
       VALUES (${FREE_ATTEMPT}, $2, $3, $4::"MembershipStatus", $5::"BillingInterval", $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
       RETURNING "id"`,
      [snap.checkoutAttemptId, ...stateValues(snap, snap.stateAt), newId(), supporterId],
    );
    return created!.id;
  }
  const decision = decideSnapshot(current, snap);
  const chosen = decision === "apply" ? snap : decision === "reread" ? await reread() : null;
  if (chosen && !(isTerminal(current.status) && !isTerminal(chosen.status))) {
    await sql.query(
      `UPDATE "Membership" SET "stripeSubscriptionId" = $2, "stripeCustomerId" = $3, "status" = $4::"MembershipStatus",
         "interval" = $5::"BillingInterval", "amount" = $6, "currency" = $7, "currentPeriodEnd" = $8, "cancelAtPeriodEnd" = $9,
         "startedAt" = $10, "endedAt" = $11, "stateAt" = $12, "updatedAt" = now()
       WHERE "id" = $1`,
      [current.id, ...stateValues(chosen, snap.stateAt)],
    );
  }
  if (!current.checkoutAttemptId && snap.checkoutAttemptId) {
    await sql.query(
      `UPDATE "Membership" SET "checkoutAttemptId" = ${FREE_ATTEMPT}, "updatedAt" = now() WHERE "id" = $2 AND ${FREE_ATTEMPT} IS NOT NULL`,
      [snap.checkoutAttemptId, current.id],
    );
  }
  return current.id;
}
