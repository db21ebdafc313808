import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureState } from "../webhook/storm-harness";
import { startWebhookPipeline, type WebhookPipeline } from "../webhook/test-pipeline";
import { reconcileStripeEvents } from "./reconcile";

/**
 * `npm run stripe:reconcile` against the emulator: events raised while the webhook endpoint was down are
 * applied by reconcile, through the webhook's own processEvent; a second run applies nothing; and when the
 * held deliveries finally arrive, they change nothing either.
 */
let pipeline: WebhookPipeline;
let control: WebhookPipeline["control"];
let app: { db: WebhookPipeline["db"]; createCheckout: WebhookPipeline["createCheckout"]; stripe: ReturnType<WebhookPipeline["stripe"]> };

beforeAll(async () => {
  pipeline = await startWebhookPipeline();
  control = pipeline.control;
  app = { db: pipeline.db, createCheckout: pipeline.createCheckout, stripe: pipeline.stripe() };
});

afterAll(async () => {
  await pipeline?.close();
});

async function pay(frequency: "ONCE" | "MONTHLY", email: string, amount = 2000) {
  const { attemptId } = await app.createCheckout({ frequency, currency: "EUR", amount, surface: "reconcile", variant: "default" });
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const session = await control.post<{ subscription: string | null; payment_intent: string | null }>(
    `checkout/sessions/${attempt.stripeSessionId}/complete`,
    { outcome: "paid", email, name: "Rec Onciled" },
  );
  return session;
}

const reconcile = (pageSize = 100) => reconcileStripeEvents({ db: app.db, stripe: app.stripe }, { pageSize });

describe("stripe:reconcile", () => {
  it("applies the events the webhook missed while it was down, and nothing on a second run", async () => {
    // The webhook works: a gift is recorded by it, and a first reconcile finds nothing missing.
    await pay("ONCE", "before-outage@example.com");
    await control.post("deliveries/flush");
    const first = await reconcile();
    expect(first).toMatchObject({ applied: 0, failed: [] });
    expect(first.alreadyRecorded).toBe(first.listed);
    expect(first.listed).toBeGreaterThan(0);
    expect(await app.db.reconcileCheckpoint.findUnique({ where: { id: "events" } })).toMatchObject({ lastEventId: first.checkpoint!.lastEventId });

    // The endpoint goes down: a membership starts, renews, fails a renewal; a gift is made and partly refunded.
    await control.post("deliveries/pause");
    const membership = await pay("MONTHLY", "during-outage@example.com", 1500);
    for (const step of ["renew", "renew", "fail_renewal"]) await control.post(`subscriptions/${membership.subscription}/${step}`);
    const gift = await pay("ONCE", "during-outage@example.com", 4000);
    await app.stripe.refunds.create({ payment_intent: gift.payment_intent!, amount: 1000 });
    expect(await app.db.supporter.findUnique({ where: { email: "during-outage@example.com" } })).toBeNull();

    // Reconcile pages through Stripe's list (two at a time here) and applies what is missing, oldest first.
    const second = await reconcile(2);
    expect(second.failed).toEqual([]);
    expect(second.applied).toBeGreaterThanOrEqual(9);
    expect(second.checkpoint!.createdUpTo.getTime()).toBeGreaterThanOrEqual(first.checkpoint!.createdUpTo.getTime());
    const supporter = await app.db.supporter.findUniqueOrThrow({
      where: { email: "during-outage@example.com" },
      include: { memberships: true, payments: { orderBy: { createdAt: "asc" } } },
    });
    expect(supporter.memberships).toMatchObject([{ status: "PAST_DUE", amount: 1500, currency: "EUR", stripeSubscriptionId: membership.subscription }]);
    expect(supporter.payments.map((p) => [p.kind, p.status, p.amount, p.amountRefunded]).sort()).toEqual(
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
      return { ...state, ledger: [...state.ledger.values()].filter((e) => e.outcome !== "ignored") };
    };
    const state = await handledOnly();
    await control.post("deliveries/resume");
    await control.post("deliveries/flush");
    expect(await handledOnly()).toEqual(state);
  });
});
