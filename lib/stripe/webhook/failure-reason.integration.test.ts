import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";
import { listPayments } from "../../dashboard/payments";

/**
 * A failed payment records why it failed as Stripe tells it: the payment intent's last_payment_error (a decline,
 * a bank debit without funds), not the invoice's last_finalization_error (null for a decline) or a generic line;
 * and the payments list staff read shows it.
 */
let app: WebhookPipeline;

beforeAll(async () => {
  app = await startWebhookPipeline();
});

afterAll(async () => {
  await app?.close();
});

async function pay(frequency: "ONCE" | "MONTHLY", email: string, outcome: string) {
  const { attemptId } = await app.createCheckout(
    { frequency, currency: "EUR", amount: 1200, surface: "test", variant: "default" },
    null,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const session = await app.control.post<{
    subscription: string | null;
    payment_intent: string | null;
  }>(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome,
    email,
    name: "Failing Reader",
  });
  await app.settle();
  return session;
}

const failedPayments = (email: string) =>
  app.db.payment.findMany({
    where: { supporter: { email }, status: "FAILED" },
    select: { stripeId: true, stripePaymentIntentId: true, failureMessage: true },
  });

describe("the reason a payment failed", () => {
  it("records a declined renewal's reason from its payment intent, and staff see it on the payments list", async () => {
    const email = "declined-renewal@example.com";
    const session = await pay("MONTHLY", email, "paid");
    await app.control.post(`subscriptions/${session.subscription}/fail_renewal`);
    await app.settle();
    const [failed] = await failedPayments(email);
    const intent = await app.stripe().paymentIntents.retrieve(failed!.stripePaymentIntentId!);
    expect(intent.last_payment_error?.message).toBe("Your card was declined.");
    expect(failed!.failureMessage).toBe("Your card was declined.");

    const { rows } = await listPayments(app.db, { q: email, status: "failed" });
    expect(rows.map((r) => r.failureMessage)).toEqual(["Your card was declined."]);
  });

  it("records a one-time bank debit's failure reason", async () => {
    const email = "debit-fails@example.com";
    await pay("ONCE", email, "async_failed");
    expect(await failedPayments(email)).toMatchObject([
      { failureMessage: "The customer's account has insufficient funds to cover this payment." },
    ]);
  });

  it("records a membership's failed first bank debit with its reason", async () => {
    const email = "first-debit-fails@example.com";
    await pay("MONTHLY", email, "async_failed");
    expect(await failedPayments(email)).toMatchObject([
      { failureMessage: "The customer's account has insufficient funds to cover this payment." },
    ]);
  });
});
