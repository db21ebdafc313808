import { db } from "../db";
import { COLLECTED_PAYMENT_STATUSES } from "../rules/payment-status";
import type { Frequency } from "../ask/amounts";

export type CheckoutOutcome =
  | { state: "unknown" }
  | { state: "pending"; frequency: Frequency; amount: number; currency: string }
  | { state: "failed"; frequency: Frequency; amount: number; currency: string }
  | {
      state: "confirmed";
      frequency: Frequency;
      amount: number;
      currency: string;
      paidAt: Date | null;
      receiptUrl: string | null;
      nextPaymentAt: Date | null;
    };

/** What the webhook has recorded for a Checkout Session: the thank-you page shows only this. */
export async function findCheckoutOutcome(sessionId: string): Promise<CheckoutOutcome> {
  const attempt = await db.checkoutAttempt.findUnique({
    where: { stripeSessionId: sessionId },
    include: {
      payments: {
        where: { status: { in: [...COLLECTED_PAYMENT_STATUSES] } },
        take: 1,
      },
      membership: true,
    },
  });
  if (!attempt) return { state: "unknown" };
  const base = { frequency: attempt.frequency, amount: attempt.amount, currency: attempt.currency };
  if (attempt.status === "FAILED") return { state: "failed", ...base };
  const payment = attempt.payments[0];
  if (!payment) return { state: "pending", ...base };
  return {
    state: "confirmed",
    ...base,
    amount: payment.amount,
    paidAt: payment.paidAt,
    receiptUrl: payment.receiptUrl,
    nextPaymentAt: attempt.membership?.currentPeriodEnd ?? null,
  };
}

/** Stripe usually delivers within a second or two; wait that long before admitting we have not heard yet. */
export async function waitForCheckoutOutcome(
  sessionId: string,
  timeoutMs = 4000,
  intervalMs = 250,
): Promise<CheckoutOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await findCheckoutOutcome(sessionId);
    if (outcome.state === "confirmed" || outcome.state === "failed" || Date.now() >= deadline)
      return outcome;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
