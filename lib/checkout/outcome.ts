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
      /** Who paid: the thank-you page recognises this browser (and, by a token, the embed's) as theirs. */
      supporterId: string;
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
    supporterId: attempt.supporterId ?? payment.supporterId,
  };
}

/**
 * How long a paid Checkout Session's id (in the success URL Stripe sends that browser to) proves the payer: long
 * enough to come back to the thank-you page later that day, short enough that an old, shared link proves nothing.
 */
export const RECOGNISE_WITHIN_MS = 24 * 60 * 60 * 1000;

/** The supporter a browser holding this session id may be recognised as, or null. */
export function payerToRecognise(outcome: CheckoutOutcome, now: Date): string | null {
  if (outcome.state !== "confirmed") return null;
  const paidAt = outcome.paidAt ?? now;
  return now.getTime() - paidAt.getTime() <= RECOGNISE_WITHIN_MS ? outcome.supporterId : null;
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
