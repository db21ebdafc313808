import { newId, type Sql } from "../db/sql";
import type { RefundStatus } from "./refund-status";

export type RefundRecord = {
  stripeRefundId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  /** The refund's `created` at Stripe. */
  createdAt: Date;
};

// A refund's status only moves forward: pending/requires_action → succeeded → failed/canceled (Stripe can fail a
// refund after it succeeded). The rank guards the rows against a stale read; each read is a full list.
const RANK = `CASE $STATUS WHEN 'failed' THEN 2 WHEN 'canceled' THEN 2 WHEN 'succeeded' THEN 1 ELSE 0 END`;
const rank = (column: string) => RANK.replace("$STATUS", column);

/**
 * Records a payment's refunds as Stripe lists them now: each is inserted once by its re_… id and updated when
 * its amount or status changed, never moved backwards. Applying the same list again changes nothing, so
 * redelivered and out-of-order charge.refunded events (each re-reads the full list) converge.
 * Call with the payment locked (applyRefund does), so concurrent reads of the list apply in the order they were made.
 */
export async function recordRefunds(
  sql: Sql,
  paymentId: string,
  refunds: readonly RefundRecord[],
): Promise<void> {
  for (const refund of refunds) {
    await sql.query(
      `INSERT INTO "Refund" ("id", "stripeRefundId", "paymentId", "amount", "currency", "status", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT ("stripeRefundId") DO UPDATE SET "amount" = EXCLUDED."amount", "status" = EXCLUDED."status", "updatedAt" = now()
        WHERE ${rank(`EXCLUDED."status"`)} >= ${rank(`"Refund"."status"`)}
          AND ("Refund"."amount", "Refund"."status") IS DISTINCT FROM (EXCLUDED."amount", EXCLUDED."status")`,
      [
        newId(),
        refund.stripeRefundId,
        paymentId,
        refund.amount,
        refund.currency.toUpperCase(),
        refund.status,
        refund.createdAt,
      ],
    );
  }
}
