import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureState } from "@/test/stripe/webhook/storm-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";
import { reconcileStripeEvents } from "./reconcile";

/**
 * `npm run stripe:reconcile` against the emulator: events raised while the webhook endpoint was down are
 * applied by reconcile, through the webhook's own processEvent; a second run applies nothing; and when the
 * held deliveries finally arrive, they change nothing either.
 */
let pipeline: WebhookPipeline;
let control: WebhookPipeline["control"];
let app: {
  db: WebhookPipeline["db"];
  createCheckout: WebhookPipeline["createCheckout"];
  stripe: ReturnType<WebhookPipeline["stripe"]>;
};

beforeAll(async () => {
  pipeline = await startWebhookPipeline();
  control = pipeline.control;
  app = { db: pipeline.db, createCheckout: pipeline.createCheckout, stripe: pipeline.stripe() };
});

afterAll(async () => {
  await pipeline?.close();
});

async function pay(frequency: "ONCE" | "MONTHLY", email: string, amount = 2000) {
  const { attemptId } = await app.createCheckout({
    frequency,
    currency: "EUR",
    amount,
    surface: "reconcile",
    variant: "default",
  });
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const session = await control.post<{
    subscription: string | null;
    payment_intent: string | null;
  }>(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome: "paid",
    email,
    name: "Rec Onciled",
  });
  return session;
}

const reconcile = (pageSize = 100) =>
  reconcileStripeEvents({ db: app.db, stripe: app.stripe }, { pageSize });

describe("stripe:reconcile", () => {
  it("applies the events the webhook missed while it was down, and nothing on a second run", async () => {
    // The webhook works: a gift is recorded by it, and a first reconcile finds nothing missing.
    await pay("ONCE", "before-outage@example.com");
    await control.post("deliveries/flush");
    const first = await reconcile();
    expect(first).toMatchObject({ applied: 0, failed: [] });
    expect(first.alreadyRecorded).toBe(first.listed);
    expect(first.listed).toBeGreaterThan(0);
    expect(await app.db.reconcileCheckpoint.findUnique({ where: { id: "events" } })).toMatchObject({
      lastEventId: first.checkpoint!.lastEventId,
    });

    // The endpoint goes down: a membership starts, renews, fails a renewal; a gift is made and partly refunded.
    await control.post("deliveries/pause");
    const membership = await pay("MONTHLY", "during-outage@example.com", 1500);
    for (const step of ["renew", "renew", "fail_renewal"])
      await control.post(`subscriptions/${membership.subscription}/${step}`);
    const gift = await pay("ONCE", "during-outage@example.com", 4000);
    await app.stripe.refunds.create({ payment_intent: gift.payment_intent!, amount: 1000 });
    expect(
      await app.db.supporter.findUnique({ where: { email: "during-outage@example.com" } }),
    ).toBeNull();

    // Reconcile pages through Stripe's list (two at a time here) and applies what is missing, oldest first.
    const second = await reconcile(2);
    expect(second.failed).toEqual([]);
    expect(second.applied).toBeGreaterThanOrEqual(9);
    expect(second.checkpoint!.createdUpTo.getTime()).toBeGreaterThanOrEqual(
      first.checkpoint!.createdUpTo.getTime(),
    );
    const supporter = await app.db.supporter.findUniqueOrThrow({
      where: { email: "during-outage@example.com" },
      include: { memberships: true, payments: { orderBy: { createdAt: "asc" } } },
    });
    expect(supporter.memberships).toMatchObject([
      {
        status: "PAST_DUE",
        amount: 1500,
        currency: "EUR",
        stripeSubscriptionId: membership.subscription,
      },
    ]);
    expect(
      supporter.payments.map((p) => [p.kind, p.status, p.amount, p.amountRefunded]).sort(),
    ).toEqual(
      [
        ["RECURRING", "SUCCEEDED", 1500, 0],
        ["RECURRING", "SUCCEEDED", 1500, 0],
        ["RECURRING", "SUCCEEDED", 1500, 0],
        ["RECURRING", "FAILED", 1500, 0],
        ["ONE_TIME", "PARTIALLY_REFUNDED", 4000, 1000],
      ].sort(),
    );

    // Run again: nothing new to apply.
    const third = await reconcile();
    expect(third).toMatchObject({ applied: 0, ignored: 0, failed: [] });
    expect(third.alreadyRecorded).toBe(third.listed);

    // The endpoint comes back and Stripe delivers the held events: all already applied, nothing changes
    // (but the ledger rows of the types we ignore, which reconcile does not read).
    const handledOnly = async () => {
      const state = await captureState(app.db);
      return {
        ...state,
        ledger: [...state.ledger.values()].filter((e) => e.outcome !== "ignored"),
      };
    };
    const state = await handledOnly();
    await control.post("deliveries/resume");
    await control.post("deliveries/flush");
    expect(await handledOnly()).toEqual(state);
  });

  it("reports an event listed in another API version as a failure, applies nothing of it, and holds the checkpoint before it", async () => {
    await control.post("deliveries/pause");
    const gift = await pay("ONCE", "old-version@example.com", 2500);
    const { data } = await control.get<{
      data: Array<{
        id: string;
        type: string;
        created: number;
        event: { data: { object: { payment_intent?: string } } };
      }>;
    }>("events");
    const completed = data.find(
      (e) =>
        e.type === "checkout.session.completed" &&
        e.event.data.object.payment_intent === gift.payment_intent,
    )!;
    // Stripe lists events in the version they were rendered in (the account's default then): say an old one.
    const oldVersion: typeof app.stripe = new Proxy(app.stripe, {
      get(target, key, receiver) {
        if (key !== "events") return Reflect.get(target, key, receiver);
        return {
          list: async (params: Parameters<typeof target.events.list>[0]) => {
            const page = await target.events.list(params);
            return {
              ...page,
              data: page.data.map((e) =>
                e.id === completed.id ? { ...e, api_version: "2024-06-20" } : e,
              ),
            };
          },
        };
      },
    });
    const summary = await reconcileStripeEvents(
      { db: app.db, stripe: oldVersion },
      { pageSize: 100 },
    );
    expect(summary.failed).toEqual([
      {
        id: completed.id,
        type: "checkout.session.completed",
        error: expect.stringMatching(
          /API version 2024-06-20, not 2026-10-28\.endive.*default API version/,
        ),
      },
    ]);
    expect(await app.db.stripeEvent.findUnique({ where: { id: completed.id } })).toBeNull();
    expect(
      await app.db.payment.findUnique({ where: { stripePaymentIntentId: gift.payment_intent! } }),
    ).toBeNull();
    const held = await app.db.reconcileCheckpoint.findUniqueOrThrow({ where: { id: "events" } });
    expect(held.createdUpTo.getTime()).toBeLessThanOrEqual(completed.created * 1000);
    expect(held.lastEventId).not.toBe(completed.id);

    // Listed in the pinned version (the account's default fixed), the next run applies it.
    const fixed = await reconcile();
    expect(fixed.failed).toEqual([]);
    expect(
      await app.db.payment.findUniqueOrThrow({
        where: { stripePaymentIntentId: gift.payment_intent! },
      }),
    ).toMatchObject({ status: "SUCCEEDED", amount: 2500 });
    await control.post("deliveries/resume");
    await control.post("deliveries/flush");
  });
});
