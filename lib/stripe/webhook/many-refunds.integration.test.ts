import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * A charge refunded in more than ten parts: the charge's expanded `refunds` holds only the first 10 (as in Stripe),
 * so charge.refunded must read the rest from `GET /v1/refunds?charge=…`. Every refund is recorded.
 */
let app: WebhookPipeline;

beforeAll(async () => void (app = await startWebhookPipeline()));
afterAll(async () => app?.close());

describe("a charge with more than ten refunds", () => {
  it("records every refund, read past the expanded list's first page", async () => {
    const { attemptId } = await app.createCheckout(
      { frequency: "ONCE", currency: "USD", amount: 10_000, surface: "test", variant: "default" },
      null,
    );
    const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    await app.control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
      outcome: "paid",
      email: "many-refunds@example.com",
      name: "R",
    });
    await app.settle();
    const payment = await app.db.payment.findFirstOrThrow({
      where: { supporter: { email: "many-refunds@example.com" } },
    });
    const paymentIntent = payment.stripePaymentIntentId!;

    const created: string[] = [];
    for (let i = 0; i < 13; i++)
      created.push(
        (await app.stripe().refunds.create({ payment_intent: paymentIntent, amount: 100 })).id,
      );
    await app.settle();

    const intent = await app.stripe().paymentIntents.retrieve(paymentIntent);
    const charge = await app
      .stripe()
      .charges.retrieve(String(intent.latest_charge), { expand: ["refunds"] });
    expect(charge.refunds?.data).toHaveLength(10);
    expect(charge.refunds?.has_more).toBe(true);

    const recorded = await app.db.refund.findMany({
      where: { paymentId: payment.id },
      select: { stripeRefundId: true, amount: true },
    });
    expect(recorded.map((r) => r.stripeRefundId).sort()).toEqual([...created].sort());
    expect(recorded.every((r) => r.amount === 100)).toBe(true);
    expect(await app.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      amountRefunded: 1300,
      status: "PARTIALLY_REFUNDED",
    });
  });
});
