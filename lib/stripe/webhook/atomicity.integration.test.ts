import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { createCheckout } from "../../checkout/create-checkout";
import { db } from "../../db";
import { setEnvForTests } from "../../env";
import { handleWebhookRequest } from "./handle-request";
import { recordedEvents } from "@/test/stripe/webhook/storm-harness";
import { lockedBackends, startHttpFaultProxy, waitFor } from "@/test/stripe/webhook/test-faults";
import { emulatorControl, postSignedEvent } from "@/test/stripe/webhook/test-harness";

/**
 * A webhook that throws or takes too long never leaves half an event behind. Each failure is real and made
 * outside the product: Stripe answering 503 in the middle of a handler (an HTTP proxy in front of the
 * emulator), the database connection killed in the middle of a transaction, and a statement cut off by
 * PostgreSQL's statement_timeout (set in DATABASE_URL, as we recommend for production). Each time the event's
 * first writes are already made when the failure hits; afterwards none of them, and no ledger row, exists,
 * and a redelivery applies the event in full.
 */
const STATEMENT_TIMEOUT_MS = 1500;

let stripeProxy: Awaited<ReturnType<typeof startHttpFaultProxy>>;
const app = { db, createCheckout };
const backends = setUpTestBackends({
  emulator: { log: () => {} },
  env: ({ database }) => ({
    DATABASE_URL: `${database.url}?statement_timeout=${STATEMENT_TIMEOUT_MS}`,
    APP_URL: "http://127.0.0.1:3999",
  }),
  receiver: handleWebhookRequest,
  side: true,
});

beforeAll(async () => {
  stripeProxy = await startHttpFaultProxy(backends.emulator.url);
  setEnvForTests({ STRIPE_EMULATOR_URL: stripeProxy.url }); // the app reaches "Stripe" through the proxy
});

afterAll(async () => {
  await stripeProxy?.close();
});

/** A reader pays on the emulator; returns the checkout attempt and the events Stripe raised, undelivered. */
async function pay(frequency: "ONCE" | "MONTHLY", email: string) {
  const before = backends.emulator.emulator.events.all().length;
  const { attemptId } = await app.createCheckout({
    frequency,
    currency: "USD",
    amount: 2500,
    surface: "atomicity",
    variant: "default",
  });
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await emulatorControl(backends.emulator.url).post(
    `checkout/sessions/${attempt.stripeSessionId}/complete`,
    { outcome: "paid", email, name: "Ada Reader" },
  );
  const events = recordedEvents(backends.emulator.emulator, before).map((e) => ({
    ...e,
    event: JSON.parse(e.payload) as { id: string },
  }));
  return {
    attempt,
    events,
    completed: events.find((e) => e.type === "checkout.session.completed")!.event,
  };
}

/** Everything an event could have written for this reader. */
async function traces(email: string, attemptId: string, eventId: string) {
  const supporter = await app.db.supporter.findUnique({
    where: { email },
    include: { customers: true, memberships: true, payments: true },
  });
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const funnel = await app.db.askDailyStat.aggregate({
    where: { surface: "atomicity" },
    _sum: { completions: true },
  });
  return {
    supporter: supporter
      ? {
          customers: supporter.customers.length,
          memberships: supporter.memberships.length,
          payments: supporter.payments.length,
        }
      : null,
    attempt: attempt.status,
    completions: funnel._sum.completions ?? 0,
    ledger: await app.db.stripeEvent.count({ where: { id: eventId } }),
  };
}

/** What traces() shows when the event left nothing: no supporter, the attempt open, nothing counted, no ledger row. */
const untouched = (completionsBefore: number) => ({
  supporter: null,
  attempt: "OPEN",
  completions: completionsBefore,
  ledger: 0,
});

/** What traces() shows when the event applied in full: the reader's rows, the attempt completed and counted once, its ledger row. */
const appliedInFull = (
  completionsBefore: number,
  supporter: { customers: number; memberships: number; payments: number },
) => ({ supporter, attempt: "COMPLETED", completions: completionsBefore + 1, ledger: 1 });

/** Stops the app's next write to `table` inside its transaction; returns the release. */
async function blockWritesTo(table: "Payment" | "Membership") {
  await backends.side.query("BEGIN");
  await backends.side.query(`LOCK TABLE "${table}" IN SHARE MODE`);
  return () => backends.side.query("ROLLBACK");
}

describe("a webhook that fails half-way", () => {
  it("leaves nothing when Stripe fails in the middle of the handler, and applies in full when redelivered", async () => {
    const email = "stripe-down-midway@example.com";
    const { attempt, completed } = await pay("MONTHLY", email);
    const completionsBefore = (await traces(email, attempt.id, completed.id)).completions;

    // checkout.session.completed arrives before its subscription's own event: the handler records the
    // supporter, their customer and the attempt's completion, then asks Stripe for the subscription — and
    // Stripe is down for that.
    stripeProxy.fail(/^\/v1\/subscriptions\//);
    const status = await postSignedEvent(backends.webhookUrl, completed);
    stripeProxy.fail(null);
    expect(status).toBeGreaterThanOrEqual(500);
    expect(await traces(email, attempt.id, completed.id)).toEqual(untouched(completionsBefore));

    expect(await postSignedEvent(backends.webhookUrl, completed)).toBe(200);
    expect(await traces(email, attempt.id, completed.id)).toEqual(
      appliedInFull(completionsBefore, { customers: 1, memberships: 1, payments: 0 }),
    );
  });

  it("leaves nothing when its database connection is killed mid-transaction, and applies in full when redelivered", async () => {
    const email = "connection-killed@example.com";
    const { attempt, completed } = await pay("ONCE", email);
    const completionsBefore = (await traces(email, attempt.id, completed.id)).completions;

    // The gift's handler has written the ledger row, the supporter, the customer and the attempt when it
    // reaches the payment's insert, which waits on our lock; there its connection dies.
    const release = await blockWritesTo("Payment");
    const answer = postSignedEvent(backends.webhookUrl, completed);
    const [pid] = await waitFor(
      () => lockedBackends(backends.side, backends.database.name),
      STATEMENT_TIMEOUT_MS / 2,
    );
    await backends.side.query("SELECT pg_terminate_backend($1)", [pid]);
    expect(await answer).toBeGreaterThanOrEqual(500);
    await release();
    expect(await traces(email, attempt.id, completed.id)).toEqual(untouched(completionsBefore));

    expect(await postSignedEvent(backends.webhookUrl, completed)).toBe(200);
    expect(await traces(email, attempt.id, completed.id)).toEqual(
      appliedInFull(completionsBefore, { customers: 1, memberships: 0, payments: 1 }),
    );
  });

  it("answers 5xx and leaves nothing when a statement takes too long, and applies in full when redelivered", async () => {
    const email = "too-slow@example.com";
    const { attempt, completed } = await pay("ONCE", email);
    const completionsBefore = (await traces(email, attempt.id, completed.id)).completions;

    const release = await blockWritesTo("Payment");
    const started = Date.now();
    const status = await postSignedEvent(backends.webhookUrl, completed); // PostgreSQL cancels the waiting insert
    const took = Date.now() - started;
    await release();
    expect(status).toBeGreaterThanOrEqual(500);
    expect(took).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS);
    expect(took).toBeLessThan(STATEMENT_TIMEOUT_MS + 5000);
    expect(await traces(email, attempt.id, completed.id)).toEqual(untouched(completionsBefore));

    expect(await postSignedEvent(backends.webhookUrl, completed)).toBe(200);
    expect(await traces(email, attempt.id, completed.id)).toMatchObject({
      supporter: { payments: 1 },
      attempt: "COMPLETED",
      ledger: 1,
    });
  });
});
