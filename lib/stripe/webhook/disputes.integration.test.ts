import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispute, event } from "@/test/stripe/webhook/test-events";
import * as overview from "../../dashboard/overview";
import { listPayments } from "../../dashboard/payments";
import { supporterTimeline } from "../../dashboard/supporters";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * Disputes (chargebacks): each charge.dispute.* event records the dispute against the payment it disputes, its
 * status only moving forward whatever the order and number of deliveries; a lost dispute is money out in the
 * dashboard in the period it was lost; staff see it on the payments list and the supporter's timeline. Gifts and
 * memberships are paid on the emulator; the dispute events are built from Stripe's fixture and signed here.
 */
let app: WebhookPipeline;

beforeAll(async () => {
  app = await startWebhookPipeline();
});

afterAll(async () => {
  await app?.close();
});

const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);
const at = (days: number) => now + days * DAY;
const date = (unix: number) => new Date(unix * 1000);

type Paid = { paymentIntent: string; charge: string; supporterId: string; paymentId: string };

async function pay(
  frequency: "ONCE" | "MONTHLY",
  email: string,
  amount: number,
  currency: "USD" | "EUR" = "USD",
  deliver = true,
): Promise<Paid> {
  const { attemptId } = await app.createCheckout(
    { frequency, currency, amount, surface: "test", variant: "default" },
    null,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const session = await app.control.post<Stripe.Checkout.Session>(
    `checkout/sessions/${attempt.stripeSessionId}/complete`,
    { outcome: "paid", email, name: "Disputed Reader" },
  );
  let paymentIntent = session.payment_intent as string | null;
  if (!paymentIntent) {
    const sub = await app.stripe().subscriptions.retrieve(session.subscription as string, {
      expand: ["latest_invoice.payments"],
    });
    paymentIntent = (sub.latest_invoice as Stripe.Invoice).payments!.data[0]!.payment
      .payment_intent as string;
  }
  const intent = await app.stripe().paymentIntents.retrieve(paymentIntent);
  if (!deliver)
    return {
      paymentIntent,
      charge: intent.latest_charge as string,
      supporterId: "",
      paymentId: "",
    };
  await app.settle();
  const payment = await app.db.payment.findUniqueOrThrow({
    where: { stripePaymentIntentId: paymentIntent },
  });
  return {
    paymentIntent,
    charge: intent.latest_charge as string,
    supporterId: payment.supporterId,
    paymentId: payment.id,
  };
}

const disputesOf = (paymentId: string) =>
  app.db.dispute.findMany({
    where: { paymentId },
    select: {
      stripeDisputeId: true,
      amount: true,
      currency: true,
      status: true,
      reason: true,
      createdAt: true,
      closedAt: true,
      lostAt: true,
      updatedAt: true,
    },
  });

/** The life of one dispute as Stripe raises its events: created, evidence submitted, closed. */
function life(
  paid: Paid,
  amount: number,
  outcome: "won" | "lost",
  opts: { currency?: string; withoutIntent?: boolean } = {},
) {
  const base = {
    charge: paid.charge,
    paymentIntent: opts.withoutIntent ? null : paid.paymentIntent,
    amount,
    currency: opts.currency,
    created: at(2),
  };
  const id = dispute({ ...base, status: "needs_response" }).id;
  return [
    event("charge.dispute.created", dispute({ ...base, id, status: "needs_response" }), at(2)),
    event(
      "charge.dispute.funds_withdrawn",
      dispute({ ...base, id, status: "needs_response" }),
      at(2),
    ),
    event("charge.dispute.updated", dispute({ ...base, id, status: "under_review" }), at(9)),
    event("charge.dispute.closed", dispute({ ...base, id, status: outcome }), at(40)),
    ...(outcome === "won"
      ? [event("charge.dispute.funds_reinstated", dispute({ ...base, id, status: "won" }), at(40))]
      : []),
  ];
}

describe("disputes", () => {
  let lostGift: Paid;

  it("records a dispute through its life, once however often and in whatever order its events arrive", async () => {
    lostGift = await pay("ONCE", "disputed-gift@example.com", 5000);
    const events = life(lostGift, 5000, "lost");
    const disputeId = (events[0]!.data.object as { id: string }).id;
    for (const e of [events[3]!, events[0]!, events[3]!, events[2]!, events[1]!, events[0]!])
      expect(await postSignedEvent(app.webhookUrl, e)).toBe(200);
    const rows = await disputesOf(lostGift.paymentId);
    expect(rows).toMatchObject([
      {
        stripeDisputeId: disputeId,
        amount: 5000,
        currency: "USD",
        status: "lost",
        reason: "fraudulent",
        createdAt: date(at(2)),
        closedAt: date(at(40)),
        lostAt: date(at(40)),
      },
    ]);
    // Every event again, in order this time: nothing changes, not even updatedAt.
    for (const e of events) expect(await postSignedEvent(app.webhookUrl, e)).toBe(200);
    expect(await disputesOf(lostGift.paymentId)).toEqual(rows);
    expect(
      await app.db.stripeEvent.count({
        where: { id: { in: events.map((e) => e.id) }, outcome: "applied" },
      }),
    ).toBe(events.length);
  });

  it("converges whatever the order: a late under_review never reopens a closed dispute", async () => {
    const gift = await pay("ONCE", "won-dispute@example.com", 3000, "EUR");
    const events = life(gift, 3000, "won", { currency: "eur" });
    for (const e of [...events].reverse())
      expect(await postSignedEvent(app.webhookUrl, e)).toBe(200);
    expect(await disputesOf(gift.paymentId)).toMatchObject([
      { status: "won", currency: "EUR", closedAt: date(at(40)), lostAt: null },
    ]);
  });

  it("finds the payment through the charge when the dispute names no payment intent, for a membership payment too", async () => {
    const membership = await pay("MONTHLY", "disputed-member@example.com", 1500);
    const [created] = life(membership, 1500, "lost", { withoutIntent: true });
    expect(await postSignedEvent(app.webhookUrl, created!)).toBe(200);
    expect(await disputesOf(membership.paymentId)).toMatchObject([
      { status: "needs_response", amount: 1500, closedAt: null, lostAt: null },
    ]);
  });

  it("counts a lost dispute as money out in the period it was lost, not in the period of the payment", async () => {
    const usd = async (from: number, to: number) =>
      (await overview.summarise(app.db, { start: date(from), end: date(to) })).currencies.find(
        (c) => c.currency === "USD",
      );
    // The gifts' period: the money came in; nothing lost yet.
    const paidPeriod = await usd(at(-1), at(30));
    expect(paidPeriod).toMatchObject({ disputesLost: 0 });
    expect(paidPeriod!.netRevenue).toBe(paidPeriod!.grossRevenue - paidPeriod!.refunds);
    // The period the dispute was lost in: no payment, the $50 gone.
    expect(await usd(at(30), at(60))).toMatchObject({
      grossRevenue: 0,
      refunds: 0,
      disputesLost: 5000,
      netRevenue: -5000,
    });
    // The won € dispute counts nowhere.
    const eur = (
      await overview.summarise(app.db, { start: date(at(30)), end: date(at(60)) })
    ).currencies.find((c) => c.currency === "EUR");
    expect(eur?.disputesLost ?? 0).toBe(0);

    const lostMonth = date(at(40)).toISOString().slice(0, 7);
    const chart = await overview.revenueByMonth(app.db, {
      start: date(at(-50)),
      end: date(at(41)),
    });
    expect(chart.find((r) => r.month === lostMonth && r.currency === "USD")).toMatchObject({
      gross: 0,
      net: -5000,
    });
  });

  it("shows staff the dispute on the payments list and on the supporter's timeline", async () => {
    const { rows } = await listPayments(app.db, { q: "disputed-gift@example.com" });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.disputes).toMatchObject([
      { status: "lost", amount: 5000, currency: "USD", reason: "fraudulent" },
    ]);

    const timeline = await supporterTimeline(app.db, lostGift.supporterId);
    expect(timeline!.entries.filter((e) => e.kind === "dispute")).toEqual([
      {
        at: date(at(40)),
        rank: 3,
        kind: "dispute",
        text: "Dispute lost (fraudulent) of a one-time gift",
        detail: "5000|USD",
      },
      {
        at: date(at(2)),
        rank: 3,
        kind: "dispute",
        text: "Dispute opened (fraudulent) of a one-time gift",
        detail: "5000|USD",
      },
    ]);
  });

  it("ignores a dispute of a charge this app did not take, and retries one of ours that arrives before its payment", async () => {
    // Deliveries held: the app knows nothing of these payments but what Stripe answers when asked.
    await app.control.post("deliveries/pause");
    // Another sale on the account (a Payment Link's session, say), not our checkout.
    const session = await app.stripe().checkout.sessions.create({
      mode: "payment",
      success_url: "https://shop.example/thanks",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 2500, product_data: { name: "Mug" } },
        },
      ],
    });
    const sold = await app.control.post<Stripe.Checkout.Session>(
      `checkout/sessions/${session.id}/complete`,
      { outcome: "paid", email: "shopper@example.com" },
    );
    const intent = await app.stripe().paymentIntents.retrieve(sold.payment_intent as string);
    const before = await app.db.dispute.count();
    const foreign = event(
      "charge.dispute.created",
      dispute({
        charge: intent.latest_charge as string,
        paymentIntent: intent.id,
        amount: 2500,
        status: "needs_response",
        created: at(1),
      }),
    );
    expect(await postSignedEvent(app.webhookUrl, foreign)).toBe(200);
    expect(await app.db.stripeEvent.findUnique({ where: { id: foreign.id } })).toMatchObject({
      outcome: "ignored",
    });
    expect(await app.db.dispute.count()).toBe(before);

    const early = await pay("ONCE", "disputed-early@example.com", 2000, "USD", false);
    const [created] = life(early, 2000, "lost");
    expect(await postSignedEvent(app.webhookUrl, created!)).toBe(503);
    expect(await app.db.stripeEvent.findUnique({ where: { id: created!.id } })).toBeNull();
    await app.control.post("deliveries/resume");
    await app.settle();
    expect(await postSignedEvent(app.webhookUrl, created!)).toBe(200);
    expect(await app.db.dispute.count()).toBe(before + 1);
  });
});
