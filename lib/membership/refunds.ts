import { randomUUID } from "node:crypto";
import { now, q, sql, type DB } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";
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
const rank = (side: "excluded" | "Refund") =>
  sql<number>`CASE ${sql.ref(`${side}.${"status" satisfies keyof DB["Refund"]}`)} WHEN 'failed' THEN 2 WHEN 'canceled' THEN 2 WHEN 'succeeded' THEN 1 ELSE 0 END`;

const UPSERT = prepare((p: RefundRecord & { id: string; paymentId: string }) =>
  q
    .insertInto("Refund")
    .values({
      id: p.id,
      stripeRefundId: p.stripeRefundId,
      paymentId: p.paymentId,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      createdAt: p.createdAt,
      updatedAt: now,
    })
    .onConflict((c) =>
      c
        .column("stripeRefundId")
        .doUpdateSet((eb) => ({
          amount: eb.ref("excluded.amount"),
          status: eb.ref("excluded.status"),
          updatedAt: now,
        }))
        .where((eb) =>
          eb.and([
            eb(rank("excluded"), ">=", rank("Refund")),
            eb.or([
              eb("Refund.amount", "is distinct from", eb.ref("excluded.amount")),
              eb("Refund.status", "is distinct from", eb.ref("excluded.status")),
            ]),
          ]),
        ),
    ),
);

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
    await UPSERT.exec(sql, {
      ...refund,
      id: randomUUID(),
      paymentId,
      currency: refund.currency.toUpperCase(),
    });
  }
}
