import type { PaymentKind, PaymentStatus } from "../../generated/prisma/enums";
import { AppError } from "../errors/app-error";
import { laterPaymentStatus, refundStatus } from "./ordering";
import type { Tx } from "../db";

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

/** Records or advances a payment; its status only moves forward, details fill in as events bring them. */
export async function recordPayment(tx: Tx, record: PaymentRecord): Promise<string> {
  const locked = await tx.$queryRaw<unknown[]>`SELECT id FROM "Payment" WHERE "stripeId" = ${record.stripeId} FOR UPDATE`;
  const current = locked.length > 0 ? await tx.payment.findUnique({ where: { stripeId: record.stripeId } }) : null;
  const currency = record.currency.toUpperCase();
  if (!current) {
    const created = await tx.payment.create({ data: { ...record, currency } });
    return created.id;
  }
  const status = laterPaymentStatus(current.status, record.status);
  const succeededNow = status === "SUCCEEDED" && current.status !== "SUCCEEDED";
  await tx.payment.update({
    where: { id: current.id },
    data: {
      status,
      amount: succeededNow ? record.amount : current.amount,
      paidAt: current.paidAt ?? record.paidAt ?? null,
      stripePaymentIntentId: current.stripePaymentIntentId ?? record.stripePaymentIntentId ?? null,
      membershipId: current.membershipId ?? record.membershipId ?? null,
      checkoutAttemptId: current.checkoutAttemptId ?? record.checkoutAttemptId ?? null,
      receiptUrl: current.receiptUrl ?? record.receiptUrl ?? null,
      failureMessage: status === "FAILED" ? (record.failureMessage ?? current.failureMessage) : current.failureMessage,
    },
  });
  return current.id;
}

/**
 * Applies a charge's cumulative refunded amount. A refund can only follow a recorded payment; if Stripe
 * delivers it first, ask for a redelivery rather than lose it.
 */
export async function applyRefund(tx: Tx, paymentIntentId: string, amountRefunded: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Payment" WHERE "stripePaymentIntentId" = ${paymentIntentId} FOR UPDATE`;
  const payment = await tx.payment.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
  if (!payment) throw new AppError("retry_later", `No payment recorded yet for ${paymentIntentId}; retry later.`);
  const refunded = Math.max(payment.amountRefunded, Math.min(amountRefunded, payment.amount));
  await tx.payment.update({
    where: { id: payment.id },
    data: { amountRefunded: refunded, status: laterPaymentStatus(payment.status, refundStatus(payment.amount, refunded)) },
  });
}
