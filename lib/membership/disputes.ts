import { newId, type Sql } from "../db/sql";
import { disputeRankSql, isClosedDispute, LOST_DISPUTE_STATUS } from "./dispute-status";

export type DisputeSnapshot = {
  stripeDisputeId: string;
  amount: number;
  currency: string;
  status: string;
  reason: string;
  /** The dispute's `created` at Stripe. */
  createdAt: Date;
  /** When Stripe showed it in this state: the event's `created`. */
  observedAt: Date;
};

// The newer snapshot: the higher status rank, then the later Stripe time, then (the same second) the status
// itself, so that any two snapshots compare the same way whichever arrives first.
const order = (row: string) =>
  `ROW(${disputeRankSql(`${row}."status"`)}, ${row}."stateAt", ${row}."status")`;
const NEWER = `${order("EXCLUDED")} > ${order(`"Dispute"`)}`;
const pick = (column: string) =>
  `"${column}" = CASE WHEN ${NEWER} THEN EXCLUDED."${column}" ELSE "Dispute"."${column}" END`;

/**
 * Records a dispute of a payment as one of its events showed it. Each event carries the whole dispute, so the
 * row keeps the newest snapshot by status rank and Stripe time (never moving back), and the earliest times it
 * was seen closed and lost (LEAST over all snapshots): redelivered and out-of-order events converge, and applying
 * the same snapshot again changes nothing (not even updatedAt).
 */
export async function recordDispute(
  sql: Sql,
  paymentId: string,
  d: DisputeSnapshot,
): Promise<void> {
  await sql.query(
    `INSERT INTO "Dispute" ("id", "stripeDisputeId", "paymentId", "amount", "currency", "status", "reason", "createdAt", "closedAt", "lostAt", "stateAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT ("stripeDisputeId") DO UPDATE SET
       ${pick("amount")}, ${pick("currency")}, ${pick("status")}, ${pick("reason")}, ${pick("stateAt")},
       "closedAt" = LEAST("Dispute"."closedAt", EXCLUDED."closedAt"),
       "lostAt" = LEAST("Dispute"."lostAt", EXCLUDED."lostAt"),
       "updatedAt" = now()
     WHERE ${NEWER}
        OR "Dispute"."closedAt" IS DISTINCT FROM LEAST("Dispute"."closedAt", EXCLUDED."closedAt")
        OR "Dispute"."lostAt" IS DISTINCT FROM LEAST("Dispute"."lostAt", EXCLUDED."lostAt")`,
    [
      newId(),
      d.stripeDisputeId,
      paymentId,
      d.amount,
      d.currency.toUpperCase(),
      d.status,
      d.reason,
      d.createdAt,
      isClosedDispute(d.status) ? d.observedAt : null,
      d.status === LOST_DISPUTE_STATUS ? d.observedAt : null,
      d.observedAt,
    ],
  );
}
