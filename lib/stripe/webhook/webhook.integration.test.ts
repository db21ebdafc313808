import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRemindLater } from "../../ask/remind-later";
import { newReaderKey } from "../../ask/reader-state";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * The webhook pipeline end to end, without a browser: checkouts created by the app's own code on the emulator,
 * paid through its test endpoints, signed events delivered to the real route handler, rows checked on a fresh
 * PostgreSQL database.
 */
let app: WebhookPipeline;
let control: WebhookPipeline["control"];
let webhookUrl: string;

beforeAll(async () => {
  app = await startWebhookPipeline();
  ({ control, webhookUrl } = app);
});

afterAll(async () => {
  await app?.close();
});

const settle = () => app.settle();

type Frequency = "ONCE" | "MONTHLY" | "ANNUAL";

async function pay(
  frequency: Frequency,
  currency: "USD" | "EUR" | "GBP",
  amount: number,
  email: string,
  outcome = "paid",
  wait = true,
  readerKey: string | null = null,
) {
  const { attemptId } = await app.createCheckout(
    { frequency, currency, amount, surface: "test", variant: "default" },
    readerKey,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome,
    email,
    name: "Test Reader",
  });
  if (wait) await settle();
  return attempt;
}

async function stateOf(email: string) {
  const supporter = await app.db.supporter.findUniqueOrThrow({
    where: { email },
    include: {
      memberships: {
        select: {
          status: true,
          interval: true,
          amount: true,
          currency: true,
          cancelAtPeriodEnd: true,
          endedAt: true,
          currentPeriodEnd: true,
          stripeSubscriptionId: true,
        },
      },
      payments: {
        orderBy: [{ createdAt: "asc" }],
        select: {
          kind: true,
          status: true,
          amount: true,
          amountRefunded: true,
          currency: true,
          stripeId: true,
        },
      },
    },
  });
  return { memberships: supporter.memberships, payments: supporter.payments };
}

const counts = async () => ({
  payments: await app.db.payment.count(),
  memberships: await app.db.membership.count(),
  supporters: await app.db.supporter.count(),
  events: await app.db.stripeEvent.count(),
});

describe("webhook pipeline against the emulator", () => {
  it("records a one-time gift once, however often its events are redelivered", async () => {
    const attempt = await pay("ONCE", "USD", 2500, "once@example.com");
    const state = await stateOf("once@example.com");
    expect(state.payments).toMatchObject([
      { kind: "ONE_TIME", status: "SUCCEEDED", amount: 2500, currency: "USD", amountRefunded: 0 },
    ]);
    expect(
      await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attempt.id } }),
    ).toMatchObject({ status: "COMPLETED" });

    const before = await counts();
    const { data: events } = await control.get<{ data: Array<{ id: string }> }>("events");
    for (const event of events) await control.post(`events/${event.id}/resend`);
    await settle();
    expect(await counts()).toEqual(before);
    expect(await stateOf("once@example.com")).toEqual(state);
  });

  it("plays out a membership's life: renewal, failed renewal, recovery, cancellation", async () => {
    const email = "monthly@example.com";
    await pay("MONTHLY", "EUR", 1000, email);
    let state = await stateOf(email);
    expect(state.memberships).toMatchObject([
      { status: "ACTIVE", interval: "MONTH", amount: 1000, currency: "EUR" },
    ]);
    expect(state.payments).toMatchObject([
      { kind: "RECURRING", status: "SUCCEEDED", amount: 1000 },
    ]);
    const subscription = state.memberships[0]!.stripeSubscriptionId;
    const firstPeriodEnd = state.memberships[0]!.currentPeriodEnd!;

    await control.post(`subscriptions/${subscription}/renew`);
    await settle();
    state = await stateOf(email);
    expect(state.memberships).toHaveLength(1);
    expect(state.memberships[0]!.status).toBe("ACTIVE");
    expect(state.memberships[0]!.currentPeriodEnd!.getTime()).toBeGreaterThan(
      firstPeriodEnd.getTime(),
    );
    expect(state.payments.map((p) => p.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);

    await control.post(`subscriptions/${subscription}/fail_renewal`);
    await settle();
    state = await stateOf(email);
    expect(state.memberships[0]!.status).toBe("PAST_DUE");
    expect(state.payments.map((p) => p.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "FAILED"]);

    await control.post(`subscriptions/${subscription}/renew`);
    await settle();
    state = await stateOf(email);
    expect(state.memberships[0]!.status).toBe("ACTIVE");
    // Stripe retries the failed invoice itself: the same payment row turns from failed to succeeded.
    expect(state.payments.map((p) => p.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);

    await control.post(`subscriptions/${subscription}/cancel`);
    await settle();
    state = await stateOf(email);
    expect(state.memberships[0]).toMatchObject({ status: "CANCELED" });
    expect(state.memberships[0]!.endedAt).toBeInstanceOf(Date);
  });

  it("leaves no active membership when the first payment fails", async () => {
    const attempt = await pay("ANNUAL", "GBP", 10000, "annual-fails@example.com", "async_failed");
    const state = await stateOf("annual-fails@example.com");
    expect(state.memberships.filter((m) => m.status === "ACTIVE")).toEqual([]);
    expect(state.payments.filter((p) => p.status === "SUCCEEDED")).toEqual([]);
    expect(
      await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attempt.id } }),
    ).toMatchObject({ status: "FAILED" });
  });

  it("applies partial and full refunds of a one-time gift", async () => {
    const email = "refund@example.com";
    await pay("ONCE", "USD", 5000, email);
    const { stripeId } = (await stateOf(email)).payments[0]!;

    await app.stripe().refunds.create({ payment_intent: stripeId, amount: 2000 });
    await settle();
    expect((await stateOf(email)).payments[0]).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      amountRefunded: 2000,
    });

    await app.stripe().refunds.create({ payment_intent: stripeId });
    await settle();
    expect((await stateOf(email)).payments[0]).toMatchObject({
      status: "REFUNDED",
      amountRefunded: 5000,
    });
  });
});

describe("the ask's records", () => {
  it("attaches an anonymous reader's remind-later to the person once that browser pays", async () => {
    const readerKey = newReaderKey();
    await recordRemindLater(app.db, {
      choice: "week",
      surface: "article",
      variant: "default",
      readerKey,
      now: new Date(),
    });
    await pay("ONCE", "USD", 1500, "reminded-then-paid@example.com", "paid", true, readerKey);
    const supporter = await app.db.supporter.findUniqueOrThrow({
      where: { email: "reminded-then-paid@example.com" },
      include: { remindLaters: true, readerKeys: true },
    });
    expect(supporter.remindLaters).toMatchObject([{ readerKey, surface: "article" }]);
    expect(supporter.readerKeys.map((k) => k.key)).toEqual([readerKey]);
  });

  it("counts every checkout created and every completed one in the day's funnel", async () => {
    const attempts = await app.db.checkoutAttempt.groupBy({
      by: ["status"],
      where: { surface: "test" },
      _count: true,
    });
    const created = attempts.reduce((n, a) => n + a._count, 0);
    const completed = attempts.find((a) => a.status === "COMPLETED")?._count ?? 0;
    const rows = await app.db.askDailyStat.findMany({
      where: { surface: "test", variant: "default" },
    });
    expect(rows.reduce((n, r) => n + r.checkouts, 0)).toBe(created);
    expect(rows.reduce((n, r) => n + r.completions, 0)).toBe(completed);
    expect(completed).toBeGreaterThan(3);
  });

  it("counts a script's paid checkout at no step, so the steps add up", async () => {
    const count = async () =>
      (await app.db.askDailyStat.findMany({ where: { surface: "scripted" } })).map((r) => [
        r.continues,
        r.checkouts,
        r.completions,
      ]);
    const { attemptId } = await app.createCheckout(
      { frequency: "ONCE", currency: "USD", amount: 2500, surface: "scripted", variant: "default" },
      null,
      { countInFunnel: false },
    );
    const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    await control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
      outcome: "paid",
      email: "scripted@example.com",
      name: "Script",
    });
    await settle();
    expect(
      (await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status,
    ).toBe("COMPLETED");
    expect(await count()).toEqual([]);
  });
});

describe("delivery that goes wrong", () => {
  it("converges when events arrive shuffled, duplicated, and before the objects they refer to", async () => {
    const email = "shuffled@example.com";
    await control.post("deliveries/pause");
    const seenBefore = new Set(
      (await control.get<{ data: Array<{ id: string }> }>("events")).data.map((e) => e.id),
    );

    const monthly = await pay("MONTHLY", "USD", 2000, email, "paid", false);
    const sub = (await app.stripe().checkout.sessions.retrieve(monthly.stripeSessionId!))
      .subscription as string;
    for (const step of ["renew", "fail_renewal", "renew", "cancel"])
      await control.post(`subscriptions/${sub}/${step}`);
    const once = await pay("ONCE", "USD", 3000, email, "paid", false);
    const gift = (await app.stripe().checkout.sessions.retrieve(once.stripeSessionId!))
      .payment_intent as string;
    await app.stripe().refunds.create({ payment_intent: gift });

    const { data: all } = await control.get<{ data: Array<{ id: string; event: Stripe.Event }> }>(
      "events",
    );
    const fresh = all.filter((e) => !seenBefore.has(e.id)).map((e) => e.event);
    expect(fresh.length).toBeGreaterThan(15);

    // Stripe's behaviour: any order, some twice, and whatever did not get a 2xx is retried later.
    let pending = [...fresh, ...fresh.filter((_, i) => i % 3 === 0)];
    for (let round = 0; pending.length > 0 && round < 10; round++) {
      pending.sort(() => Math.random() - 0.5);
      const failed: Stripe.Event[] = [];
      for (const event of pending) {
        const status = await postSignedEvent(webhookUrl, event);
        if (status >= 500) failed.push(event);
        else expect(status).toBe(200);
      }
      pending = failed;
    }
    expect(pending).toEqual([]);

    const state = await stateOf(email);
    expect(state.memberships).toMatchObject([
      { status: "CANCELED", amount: 2000, currency: "USD", interval: "MONTH" },
    ]);
    expect(state.payments.map((p) => [p.kind, p.status]).sort()).toEqual(
      [
        ["ONE_TIME", "REFUNDED"],
        ["RECURRING", "SUCCEEDED"],
        ["RECURRING", "SUCCEEDED"],
        ["RECURRING", "SUCCEEDED"],
      ].sort(),
    );

    // The held deliveries now arrive in order, all of them duplicates: nothing changes.
    const before = await counts();
    await control.post("deliveries/resume");
    await settle();
    expect(await counts()).toEqual(before);
    expect(await stateOf(email)).toEqual(state);
  });

  it("rejects unsigned, wrongly signed and tampered events with 400 and records nothing", async () => {
    const before = await counts();
    const event = {
      id: "evt_forged",
      object: "event",
      type: "invoice.paid",
      created: 1,
      data: { object: {} },
      livemode: false,
    };
    expect(await postSignedEvent(webhookUrl, event, "whsec_wrong_secret")).toBe(400);
    const unsigned = await fetch(webhookUrl, { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers 503 and applies nothing when an event cannot be applied yet", async () => {
    // A refund of our gift delivered before the gift's own events: Stripe must deliver it again later.
    await control.post("deliveries/pause");
    const seenBefore = new Set(
      (await control.get<{ data: Array<{ id: string }> }>("events")).data.map((e) => e.id),
    );
    const attempt = await pay("ONCE", "USD", 1200, "refunded-early@example.com", "paid", false);
    const gift = (await app.stripe().checkout.sessions.retrieve(attempt.stripeSessionId!))
      .payment_intent as string;
    await app.stripe().refunds.create({ payment_intent: gift });
    const { data } = await control.get<{
      data: Array<{ id: string; type: string; event: Stripe.Event }>;
    }>("events");
    const refund = data.find((e) => !seenBefore.has(e.id) && e.type === "charge.refunded")!.event;

    const before = await counts();
    expect(await postSignedEvent(webhookUrl, refund)).toBe(503);
    expect(await counts()).toEqual(before);
    expect(await app.db.stripeEvent.findUnique({ where: { id: refund.id } })).toBeNull();

    await control.post("deliveries/resume");
    await settle();
    expect(await postSignedEvent(webhookUrl, refund)).toBe(200);
    expect((await stateOf("refunded-early@example.com")).payments).toMatchObject([
      { status: "REFUNDED", amountRefunded: 1200 },
    ]);
  });

  it("acknowledges event types it does not handle", async () => {
    const event = {
      id: "evt_ignored_type",
      object: "event",
      api_version: "2026-10-28.endive",
      type: "customer.updated",
      created: 1,
      livemode: false,
      data: { object: { id: "cus_x" } },
    };
    expect(await postSignedEvent(webhookUrl, event)).toBe(200);
    expect(
      await app.db.stripeEvent.findUnique({ where: { id: "evt_ignored_type" } }),
    ).toMatchObject({ outcome: "ignored" });
  });
});
