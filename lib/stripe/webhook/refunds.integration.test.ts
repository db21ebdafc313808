import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REFUND_FIELDS } from "@/test/stripe/webhook/storm-harness";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { revenueByMonth, summarise } from "../../dashboard/overview";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * Refunds dated by when they happened: charge.refunded records each refund of the charge (a Refund row with
 * Stripe's `created`), idempotently and whatever the order of delivery, and the dashboard subtracts a refund in
 * the period it was made. The process's clock (Date only; timers stay real) is set so that the app and the
 * in-process emulator agree on a gift paid in March and refunded in April and May.
 */
let app: WebhookPipeline & { summarise: typeof summarise; revenueByMonth: typeof revenueByMonth };
let control: WebhookPipeline["control"];
let webhookUrl: string;

const at = (iso: string) => vi.setSystemTime(new Date(iso));
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at("2026-03-10T12:00:00Z");
  const pipeline = await startWebhookPipeline();
  app = { ...pipeline, summarise, revenueByMonth };
  ({ control, webhookUrl } = app);
});

afterAll(async () => {
  await app?.close();
  vi.useRealTimers();
});

const settle = () => app.settle();

/** A one-time gift paid now (the faked now); its payment intent. */
async function gift(currency: "USD" | "EUR", amount: number, email: string): Promise<string> {
  const { attemptId } = await app.createCheckout(
    { frequency: "ONCE", currency, amount, surface: "test", variant: "default" },
    null,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome: "paid",
    email,
    name: "Test Reader",
  });
  await settle();
  const payment = await app.db.payment.findFirstOrThrow({ where: { supporter: { email } } });
  return payment.stripePaymentIntentId!;
}

async function refundsOf(paymentIntent: string) {
  return app.db.refund.findMany({
    where: { payment: { stripePaymentIntentId: paymentIntent } },
    orderBy: { createdAt: "asc" },
    select: { ...REFUND_FIELDS, updatedAt: true },
  });
}

async function chargeRefundedEvents(paymentIntent: string): Promise<Stripe.Event[]> {
  const { data } = await control.get<{ data: Array<{ type: string; event: Stripe.Event }> }>(
    "events",
  );
  return data
    .filter(
      (e) =>
        e.type === "charge.refunded" &&
        (e.event.data.object as Stripe.Charge).payment_intent === paymentIntent,
    )
    .map((e) => e.event);
}

describe("refunds dated by when they happened", () => {
  let usdGift: string;

  it("records a partial then a full refund of a one-time gift as two refunds with their own dates", async () => {
    at("2026-03-10T12:00:00Z");
    usdGift = await gift("USD", 5000, "march-gift@example.com");
    expect(
      await app.db.payment.findFirstOrThrow({ where: { stripePaymentIntentId: usdGift } }),
    ).toMatchObject({ paidAt: d("2026-03-10T12:00:00Z") });

    at("2026-04-20T09:30:00Z");
    const partial = await app.stripe().refunds.create({ payment_intent: usdGift, amount: 2000 });
    await settle();
    expect(await refundsOf(usdGift)).toMatchObject([
      {
        stripeRefundId: partial.id,
        amount: 2000,
        currency: "USD",
        status: "succeeded",
        createdAt: d("2026-04-20T09:30:00Z"),
      },
    ]);

    at("2026-05-05T16:00:00Z");
    const rest = await app.stripe().refunds.create({ payment_intent: usdGift });
    await settle();
    expect(await refundsOf(usdGift)).toMatchObject([
      {
        stripeRefundId: partial.id,
        amount: 2000,
        status: "succeeded",
        createdAt: d("2026-04-20T09:30:00Z"),
      },
      {
        stripeRefundId: rest.id,
        amount: 3000,
        status: "succeeded",
        createdAt: d("2026-05-05T16:00:00Z"),
      },
    ]);
    expect(
      await app.db.payment.findFirstOrThrow({ where: { stripePaymentIntentId: usdGift } }),
    ).toMatchObject({ status: "REFUNDED", amountRefunded: 5000 });
  });

  it("changes nothing when charge.refunded is delivered again", async () => {
    const before = await refundsOf(usdGift);
    const events = await chargeRefundedEvents(usdGift);
    expect(events).toHaveLength(2);
    at("2026-05-06T10:00:00Z");
    for (const event of [...events, ...events].reverse())
      expect(await postSignedEvent(webhookUrl, event)).toBe(200);
    expect(await refundsOf(usdGift)).toEqual(before); // not even updatedAt moved
  });

  it("converges to the same refunds when the second charge.refunded arrives before the first", async () => {
    at("2026-03-12T12:00:00Z");
    const eurGift = await gift("EUR", 4000, "shuffled-refunds@example.com");
    await control.post("deliveries/pause");
    at("2026-04-02T08:00:00Z");
    const first = await app.stripe().refunds.create({ payment_intent: eurGift, amount: 1000 });
    at("2026-05-20T08:00:00Z");
    const second = await app.stripe().refunds.create({ payment_intent: eurGift, amount: 500 });
    const [one, two] = (await chargeRefundedEvents(eurGift)).sort(
      (a, b) =>
        (a.data.object as Stripe.Charge).amount_refunded -
        (b.data.object as Stripe.Charge).amount_refunded,
    );
    expect((two!.data.object as Stripe.Charge).amount_refunded).toBe(1500);

    at("2026-05-21T08:00:00Z");
    expect(await postSignedEvent(webhookUrl, two)).toBe(200);
    const expected = [
      {
        stripeRefundId: first.id,
        amount: 1000,
        currency: "EUR",
        status: "succeeded",
        createdAt: d("2026-04-02T08:00:00Z"),
      },
      {
        stripeRefundId: second.id,
        amount: 500,
        currency: "EUR",
        status: "succeeded",
        createdAt: d("2026-05-20T08:00:00Z"),
      },
    ];
    expect(await refundsOf(eurGift)).toMatchObject(expected);
    expect(await postSignedEvent(webhookUrl, one)).toBe(200);
    await control.post("deliveries/resume"); // the queued deliveries, in order, on top
    await settle();
    expect(await refundsOf(eurGift)).toMatchObject(expected);
    expect(
      await app.db.payment.findFirstOrThrow({ where: { stripePaymentIntentId: eurGift } }),
    ).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      amountRefunded: 1500,
    });
  });

  it("subtracts a refund in the period it was made, not in the period of the payment", async () => {
    const usd = async (start: string, end: string) =>
      (await app.summarise(app.db, { start: d(start), end: d(end) })).currencies.find(
        (c) => c.currency === "USD",
      );
    // March: the $50 gift, nothing refunded yet.
    expect(await usd("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).toMatchObject({
      grossRevenue: 5000,
      refunds: 0,
      netRevenue: 5000,
    });
    // April and May: no payment, the refunds made then.
    expect(await usd("2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")).toMatchObject({
      grossRevenue: 0,
      refunds: 2000,
      netRevenue: -2000,
    });
    expect(await usd("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z")).toMatchObject({
      grossRevenue: 0,
      refunds: 3000,
      netRevenue: -3000,
    });

    const chart = await app.revenueByMonth(app.db, {
      start: d("2026-03-01T00:00:00Z"),
      end: d("2026-05-25T00:00:00Z"),
    });
    expect(chart).toEqual([
      { month: "2026-03", currency: "EUR", gross: 4000, net: 4000 },
      { month: "2026-03", currency: "USD", gross: 5000, net: 5000 },
      { month: "2026-04", currency: "EUR", gross: 0, net: -1000 },
      { month: "2026-04", currency: "USD", gross: 0, net: -2000 },
      { month: "2026-05", currency: "EUR", gross: 0, net: -500 },
      { month: "2026-05", currency: "USD", gross: 0, net: -3000 },
    ]);
  });
});
