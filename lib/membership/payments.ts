import type { PaymentKind, PaymentStatus } from "../../generated/prisma/enums";
import { laterPaymentStatus, refundStatus } from "./ordering";
import { randomUUID } from "node:crypto";
import { enumValue, now, q } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";

export type PaymentRecord = {
  stripeId: string;
  stripePaymentIntentId?: string | null;
  supporterId: string;
  membershipId?: string | null;
  checkoutAttemptId?: string | null;
  kind: PaymentKind;
  status: PaymentStatus;
  amount: number;
  currency: string;
  paidAt?: Date | null;
  failureMessage?: string | null;
  receiptUrl?: string | null;
};

const PAYMENT_COLUMNS = [
  "id",
  "status",
  "amount",
  "amountRefunded",
  "paidAt",
  "stripePaymentIntentId",
  "membershipId",
  "checkoutAttemptId",
  "receiptUrl",
  "failureMessage",
] as const;

const lockBy = (by: "stripeId" | "stripePaymentIntentId") =>
  prepare((p: { value: string }) =>
    q.selectFrom("Payment").select(PAYMENT_COLUMNS).where(by, "=", p.value).forUpdate(),
  );
const LOCK = {
  stripeId: lockBy("stripeId"),
  stripePaymentIntentId: lockBy("stripePaymentIntentId"),
};

/** The payment with this Stripe id (`stripeId` or `stripePaymentIntentId`), locked until commit. */
function lockPayment(sql: Sql, by: "stripeId" | "stripePaymentIntentId", value: string) {
  return LOCK[by].first(sql, { value });
}
type PaymentRow = NonNullable<Awaited<ReturnType<typeof lockPayment>>>;

const FIND_BY_INTENT = prepare((p: { paymentIntentId: string }) =>
  q.selectFrom("Payment").select("id").where("stripePaymentIntentId", "=", p.paymentIntentId),
);

/** The id of the payment of a payment intent, if we recorded one (unlocked). */
export async function findPaymentIdByIntent(
  sql: Sql,
  paymentIntentId: string,
): Promise<string | undefined> {
  return (await FIND_BY_INTENT.first(sql, { paymentIntentId }))?.id;
}

type NewPayment = Required<Omit<PaymentRecord, "kind" | "status">> & {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
};
const INSERT = prepare((p: NewPayment) =>
  q
    .insertInto("Payment")
    .values({
      id: p.id,
      stripeId: p.stripeId,
      stripePaymentIntentId: p.stripePaymentIntentId,
      supporterId: p.supporterId,
      membershipId: p.membershipId,
      checkoutAttemptId: p.checkoutAttemptId,
      kind: enumValue("PaymentKind", p.kind),
      status: enumValue("PaymentStatus", p.status),
      amount: p.amount,
      currency: p.currency,
      paidAt: p.paidAt,
      failureMessage: p.failureMessage,
      receiptUrl: p.receiptUrl,
      updatedAt: now,
    })
    .onConflict((c) => c.column("stripeId").doNothing())
    .returning("id"),
);

/**
 * Inserts the payment if it is new (its id comes back), else returns the existing row, locked. An insert that
 * meets a concurrent one waits for it and then finds its row; a row gone again by then (its supporter merged
 * away and deleted) is inserted after all.
 */
async function insertOrLockPayment(sql: Sql, record: PaymentRecord): Promise<string | PaymentRow> {
  for (;;) {
    const created = await INSERT.first(sql, {
      id: randomUUID(),
      stripeId: record.stripeId,
      stripePaymentIntentId: record.stripePaymentIntentId ?? null,
      supporterId: record.supporterId,
      membershipId: record.membershipId ?? null,
      checkoutAttemptId: record.checkoutAttemptId ?? null,
      kind: record.kind,
      status: record.status,
      amount: record.amount,
      currency: record.currency.toUpperCase(),
      paidAt: record.paidAt ?? null,
      failureMessage: record.failureMessage ?? null,
      receiptUrl: record.receiptUrl ?? null,
    });
    if (created) return created.id;
    const current = await lockPayment(sql, "stripeId", record.stripeId);
    if (current) return current;
  }
}

type PaymentUpdate = Omit<PaymentRow, "amountRefunded">;
const UPDATE = prepare((p: PaymentUpdate) =>
  q
    .updateTable("Payment")
    .set({
      status: enumValue("PaymentStatus", p.status),
      amount: p.amount,
      paidAt: p.paidAt,
      stripePaymentIntentId: p.stripePaymentIntentId,
      membershipId: p.membershipId,
      checkoutAttemptId: p.checkoutAttemptId,
      receiptUrl: p.receiptUrl,
      failureMessage: p.failureMessage,
      updatedAt: now,
    })
    .where("id", "=", p.id),
);

/**
 * Records or advances a payment; its status only moves forward, details fill in as events bring them.
 * A new payment is one statement (the insert); a known one is locked, read and updated.
 */
export async function recordPayment(sql: Sql, record: PaymentRecord): Promise<string> {
  const current = await insertOrLockPayment(sql, record);
  if (typeof current === "string") return current;
  const status = laterPaymentStatus(current.status, record.status);
  const succeededNow = status === "SUCCEEDED" && current.status !== "SUCCEEDED";
  await UPDATE.exec(sql, {
    id: current.id,
    status,
    amount: succeededNow ? record.amount : current.amount,
    paidAt: current.paidAt ?? record.paidAt ?? null,
    stripePaymentIntentId: current.stripePaymentIntentId ?? record.stripePaymentIntentId ?? null,
    membershipId: current.membershipId ?? record.membershipId ?? null,
    checkoutAttemptId: current.checkoutAttemptId ?? record.checkoutAttemptId ?? null,
    receiptUrl: current.receiptUrl ?? record.receiptUrl ?? null,
    failureMessage:
      status === "FAILED"
        ? (record.failureMessage ?? current.failureMessage)
        : current.failureMessage,
  });
  return current.id;
}

const SET_REFUNDED = prepare((p: { id: string; amountRefunded: number; status: PaymentStatus }) =>
  q
    .updateTable("Payment")
    .set({
      amountRefunded: p.amountRefunded,
      status: enumValue("PaymentStatus", p.status),
      updatedAt: now,
    })
    .where("id", "=", p.id),
);

/**
 * Applies a charge's cumulative refunded amount. Returns the payment's id (it stays locked until commit), or null
 * when no payment is recorded for the intent: the caller decides whether it is ours and early (retry) or not ours.
 */
export async function applyRefund(
  sql: Sql,
  paymentIntentId: string,
  amountRefunded: number,
): Promise<string | null> {
  const payment = await lockPayment(sql, "stripePaymentIntentId", paymentIntentId);
  if (!payment) return null;
  const refunded = Math.max(payment.amountRefunded, Math.min(amountRefunded, payment.amount));
  const status = laterPaymentStatus(payment.status, refundStatus(payment.amount, refunded));
  await SET_REFUNDED.exec(sql, { id: payment.id, amountRefunded: refunded, status });
  return payment.id;
}
