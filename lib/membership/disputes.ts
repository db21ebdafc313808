import { randomUUID } from "node:crypto";
import type { Selectable, SqlBool } from "kysely";
import { now, q, sql, type DB } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";
import { disputeRankOf, isClosedDispute, LOST_DISPUTE_STATUS } from "./dispute-status";

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

type Side = "excluded" | "Dispute";
type Dispute = Selectable<DB["Dispute"]>;
/** A column of the row as it is (`"Dispute"`) or as proposed (`excluded`); its name checked against the schema. */
const col = <C extends keyof Dispute>(side: Side, column: C) =>
  sql.ref<Dispute[C]>(`${side}.${column}`);

// The newer snapshot: the higher status rank, then the later Stripe time, then (the same second) the status
// itself, so that any two snapshots compare the same way whichever arrives first.
const order = (side: Side) =>
  sql`ROW(${disputeRankOf(col(side, "status"))}, ${col(side, "stateAt")}, ${col(side, "status")})`;
const NEWER = sql<SqlBool>`${order("excluded")} > ${order("Dispute")}`;
const pick = <C extends keyof Dispute>(column: C) =>
  sql<
    Dispute[C]
  >`CASE WHEN ${NEWER} THEN ${col("excluded", column)} ELSE ${col("Dispute", column)} END`;
const earliest = (column: "closedAt" | "lostAt") =>
  sql<Date | null>`LEAST(${col("Dispute", column)}, ${col("excluded", column)})`;

type DisputeRow = Omit<DisputeSnapshot, "observedAt"> & {
  id: string;
  paymentId: string;
  closedAt: Date | null;
  lostAt: Date | null;
  stateAt: Date;
};
const UPSERT = prepare((p: DisputeRow) =>
  q
    .insertInto("Dispute")
    .values({
      id: p.id,
      stripeDisputeId: p.stripeDisputeId,
      paymentId: p.paymentId,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      reason: p.reason,
      createdAt: p.createdAt,
      closedAt: p.closedAt,
      lostAt: p.lostAt,
      stateAt: p.stateAt,
      updatedAt: now,
    })
    .onConflict((c) =>
      c
        .column("stripeDisputeId")
        .doUpdateSet({
          amount: pick("amount"),
          currency: pick("currency"),
          status: pick("status"),
          reason: pick("reason"),
          stateAt: pick("stateAt"),
          closedAt: earliest("closedAt"),
          lostAt: earliest("lostAt"),
          updatedAt: now,
        })
        .where((eb) =>
          eb.or([
            NEWER,
            eb("Dispute.closedAt", "is distinct from", earliest("closedAt")),
            eb("Dispute.lostAt", "is distinct from", earliest("lostAt")),
          ]),
        ),
    ),
);

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
  await UPSERT.exec(sql, {
    ...d,
    id: randomUUID(),
    paymentId,
    currency: d.currency.toUpperCase(),
    closedAt: isClosedDispute(d.status) ? d.observedAt : null,
    lostAt: d.status === LOST_DISPUTE_STATUS ? d.observedAt : null,
    stateAt: d.observedAt,
  });
}
