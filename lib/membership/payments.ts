import type { PaymentKind, PaymentStatus } from "../../generated/prisma/enums";
import { laterPaymentStatus, refundStatus } from "./ordering";
import { newId, type Sql } from "../db/sql";

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

type PaymentRow = {
  id: string;
  status: PaymentStatus;
  amount: number;
  amountRefunded: number;
  paidAt: Date | null;
  stripePaymentIntentId: string | null;
  membershipId: string | null;
  checkoutAttemptId: string | null;
  receiptUrl: string | null;
  failureMessage: string | null;
};

/** The payment with this Stripe id (`stripeId` or `stripePaymentIntentId`), locked until commit. */
async function lockPayment(
  sql: Sql,
  by: "stripeId" | "stripePaymentIntentId",
  value: string,
): Promise<PaymentRow | null> {
  const rows = await sql.query<PaymentRow>(
    `SELECT "id", "status"::text, "amount", "amountRefunded", "paidAt", "stripePaymentIntentId", "membershipId", "checkoutAttemptId",
       "receiptUrl", "failureMessage"
     FROM "Payment" WHERE "${by}" = $1 FOR UPDATE`,
    [value],
  );
  return rows[0] ?? null;
}

/**
 * Inserts the payment if it is new (its id comes back), else returns the existing row, locked. An insert that
 * meets a concurrent one waits for it and then finds its row; a row gone again by then (its supporter merged
 * away and deleted) is inserted after all.
 */
async function insertOrLockPayment(sql: Sql, record: PaymentRecord): Promise<string | PaymentRow> {
  const currency = record.currency.toUpperCase();
  for (;;) {
    const [created] = await sql.query<{ id: string }>(
      `INSERT INTO "Payment" ("id", "stripeId", "stripePaymentIntentId", "supporterId", "membershipId", "checkoutAttemptId", "kind",
         "status", "amount", "currency", "paidAt", "failureMessage", "receiptUrl", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7::"PaymentKind", $8::"PaymentStatus", $9, $10, $11, $12, $13, now())
       ON CONFLICT ("stripeId") DO NOTHING RETURNING "id"`,
      [
        newId(),
        record.stripeId,
        record.stripePaymentIntentId ?? null,
        record.supporterId,
        record.membershipId ?? null,
        record.checkoutAttemptId ?? null,
        record.kind,
        record.status,
        record.amount,
        currency,
        record.paidAt ?? null,
        record.failureMessage ?? null,
        record.receiptUrl ?? null,
      ],
    );
    if (created) return created.id;
    const current = await lockPayment(sql, "stripeId", record.stripeId);
    if (current) return current;
  }
}

/**
 * Records or advances a payment; its status only moves forward, details fill in as events bring them.
 * A new payment is one statement (the insert); a known one is locked, read and updated.
 */
export async function recordPayment(sql: Sql, record: PaymentRecord): Promise<string> {
  const current = await insertOrLockPayment(sql, record);
  if (typeof current === "string") return current;
  const status = laterPaymentStatus(current.status, record.status);
  const succeededNow = status === "SUCCEEDED" && current.status !== "SUCCEEDED";
  await sql.query(
    `UPDATE "Payment" SET "status" = $2::"PaymentStatus", "amount" = $3, "paidAt" = $4, "stripePaymentIntentId" = $5, "membershipId" = $6,
       "checkoutAttemptId" = $7, "receiptUrl" = $8, "failureMessage" = $9, "updatedAt" = now()
     WHERE "id" = $1`,
    [
      current.id,
      status,
      succeededNow ? record.amount : current.amount,
      current.paidAt ?? record.paidAt ?? null,
      current.stripePaymentIntentId ?? record.stripePaymentIntentId ?? null,
      current.membershipId ?? record.membershipId ?? null,
      current.checkoutAttemptId ?? record.checkoutAttemptId ?? null,
      current.receiptUrl ?? record.receiptUrl ?? null,
      status === "FAILED"
        ? (record.failureMessage ?? current.failureMessage)
        : current.failureMessage,
    ],
  );
  return current.id;
}

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
  await sql.query(
    `UPDATE "Payment" SET "amountRefunded" = $2, "status" = $3::"PaymentStatus", "updatedAt" = now() WHERE "id" = $1`,
    [
      payment.id,
      refunded,
      laterPaymentStatus(payment.status, refundStatus(payment.amount, refunded)),
    ],
  );
  return payment.id;
}
