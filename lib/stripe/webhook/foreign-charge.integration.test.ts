import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * charge.refunded for a charge this app did not create (merch sold on the same Stripe account, a Payment Link) is
 * decided from Stripe's own data to be someone else's, acknowledged and recorded as ignored; not answered 503 for
 * the three days of Stripe's retries (which also held reconcile's checkpoint back). A refund of one of our
 * payments that arrives before the payment is still a 503, for gifts and for membership payments alike.
 * The emulator does not deliver here: each test posts the events it means to.
 */
let app: WebhookPipeline;
let stripe: Stripe;

beforeAll(async () => {
  app = await startWebhookPipeline({ deliver: false });
  stripe = app.stripe();
});

afterAll(async () => {
  await app?.close();
});

type Listed = { id: string; type: string; event: Stripe.Event };
const events = async () => (await app.control.get<{ data: Listed[] }>("events")).data;

async function refundedEvent(paymentIntent: string): Promise<Stripe.Event> {
  const found = (await events()).filter(
    (e) =>
      e.type === "charge.refunded" &&
      (e.event.data.object as Stripe.Charge).payment_intent === paymentIntent,
  );
  expect(found).toHaveLength(1);
  return found[0]!.event;
}

const counts = async () => ({
  payments: await app.db.payment.count(),
  refunds: await app.db.refund.count(),
  supporters: await app.db.supporter.count(),
});

/** A sale on the same account that did not go through our checkout: a Payment Link's session, say. */
async function foreignSale(mode: "payment" | "subscription"): Promise<Stripe.Checkout.Session> {
  const session = await stripe.checkout.sessions.create({
    mode,
    success_url: "https://shop.example/thanks",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 3500,
          product_data: { name: mode === "payment" ? "Tote bag" : "Print edition" },
          ...(mode === "subscription" ? { recurring: { interval: "month" as const } } : {}),
        },
      },
    ],
    metadata: { source: "shop" },
  });
  return app.control.post<Stripe.Checkout.Session>(`checkout/sessions/${session.id}/complete`, {
    outcome: "paid",
    email: "shopper@example.com",
  });
}

async function invoiceIntent(subscriptionId: string): Promise<string> {
  const sub = await stripe.subscriptions.retrieve(subscriptionId, {
    expand: ["latest_invoice.payments"],
  });
  const invoice = sub.latest_invoice as Stripe.Invoice;
  return invoice.payments!.data[0]!.payment.payment_intent as string;
}

describe("charge.refunded for a charge that is not ours", () => {
  it("records a refund of another sale on the account as ignored, with a 200, and changes nothing else", async () => {
    const sale = await foreignSale("payment");
    await stripe.refunds.create({ payment_intent: sale.payment_intent as string });
    const refunded = await refundedEvent(sale.payment_intent as string);
    const before = await counts();
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(200);
    expect(await app.db.stripeEvent.findUnique({ where: { id: refunded.id } })).toMatchObject({
      type: "charge.refunded",
      outcome: "ignored",
    });
    expect(await counts()).toEqual(before);
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(200); // a redelivery: a duplicate
  });

  it("ignores a refund of another subscription's invoice payment on the account", async () => {
    const sale = await foreignSale("subscription");
    const intent = await invoiceIntent(sale.subscription as string);
    await stripe.refunds.create({ payment_intent: intent, amount: 1000 });
    const refunded = await refundedEvent(intent);
    const before = await counts();
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(200);
    expect(await app.db.stripeEvent.findUnique({ where: { id: refunded.id } })).toMatchObject({
      outcome: "ignored",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("charge.refunded for one of our payments not recorded yet", () => {
  async function ourCheckout(frequency: "ONCE" | "MONTHLY") {
    const { attemptId } = await app.createCheckout(
      { frequency, currency: "USD", amount: 2000, surface: "test", variant: "default" },
      null,
    );
    const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    return app.control.post<Stripe.Checkout.Session>(
      `checkout/sessions/${attempt.stripeSessionId}/complete`,
      { outcome: "paid", email: "early@example.com" },
    );
  }

  it("answers 503 for our gift's refund, so Stripe delivers it again after the gift", async () => {
    const session = await ourCheckout("ONCE");
    await stripe.refunds.create({ payment_intent: session.payment_intent as string });
    const refunded = await refundedEvent(session.payment_intent as string);
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(503);
    expect(await app.db.stripeEvent.findUnique({ where: { id: refunded.id } })).toBeNull();
  });

  it("answers 503 for a refund of our membership's invoice payment (ours by the invoice's subscription)", async () => {
    const session = await ourCheckout("MONTHLY");
    const intent = await invoiceIntent(session.subscription as string);
    await stripe.refunds.create({ payment_intent: intent });
    const refunded = await refundedEvent(intent);
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(503);
    expect(await app.db.stripeEvent.findUnique({ where: { id: refunded.id } })).toBeNull();

    // Once the membership's events are in, the same delivery applies.
    const ofSubscription = (e: Stripe.Event) => {
      const object = e.data.object as {
        id: string;
        parent?: { subscription_details?: { subscription?: string } };
      };
      return (
        object.id === session.subscription ||
        object.parent?.subscription_details?.subscription === session.subscription
      );
    };
    for (const { event } of await events())
      if (ofSubscription(event)) expect(await postSignedEvent(app.webhookUrl, event)).toBe(200);
    expect(await postSignedEvent(app.webhookUrl, refunded)).toBe(200);
    expect(
      await app.db.payment.findUniqueOrThrow({ where: { stripePaymentIntentId: intent } }),
    ).toMatchObject({ status: "REFUNDED", amountRefunded: 2000 });
  });
});
