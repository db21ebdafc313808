import Stripe from "stripe";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { checkoutSessionParams } from "@/lib/checkout/session-params";
import type { Emulator } from "@reader-revenue/stripe-emulator";
import { testWebhookSecret, type emulatorControl } from "./test-harness";
import { processEvent } from "@/lib/stripe/webhook/process-event";
import { CURRENCIES } from "@/lib/rules/currencies";
import { MEMBERSHIP_TERMS, PAYMENT_AMOUNTS } from "@/lib/db/selects";

/**
 * Test and bench support for webhook storms: play out many supporters' lives on the emulator (deliveries off),
 * deliver the resulting events the way Stripe at its worst would (shuffled, duplicated, concurrent, 5xx
 * retried), apply the same events once in order to another database, and compare what the two hold.
 */

import { seededRandom as random } from "@/lib/seed/random";

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

type Control = ReturnType<typeof emulatorControl>;

/** The CheckoutAttempt rows the app would have written before sending readers to Checkout. */
export type AttemptRow = {
  id: string;
  stripeSessionId: string;
  frequency: "ONCE" | "MONTHLY" | "ANNUAL";
  amount: number;
  currency: string;
  surface: string;
  variant: string;
};

export type Lives = { attempts: AttemptRow[]; supporters: number; gifts: number };

const AMOUNTS = [500, 1000, 1500, 2500, 5000, 10000];

/**
 * Plays `supporters` readers' lives on the emulator: one-time gifts (some refunded, fully or in parts), monthly
 * and annual memberships (renewals, failed renewals and recoveries, amount changes, cancellation now or at
 * period end, refunded renewals), bank debits that settle or fail, declined cards, and readers who give twice
 * with the same email (two Stripe customers, one supporter). `concurrency` lives run side by side.
 */
export async function playLives(options: {
  stripe: Stripe;
  control: Control;
  supporters: number;
  seed: number;
  concurrency?: number;
  surface?: string;
  /** Share of gifts that are one-time (about 4 events each; a membership's life is about 20). Default 0.43. */
  oneTimeShare?: number;
}): Promise<Lives> {
  const { stripe, control, seed } = options;
  const oneTimeShare = options.oneTimeShare ?? 0.43;
  const surface = options.surface ?? "storm";
  const attempts: AttemptRow[] = [];
  let gifts = 0;

  async function checkout(rand: () => number, label: string, email: string, name: string) {
    const frequency = rand() < oneTimeShare ? "ONCE" : rand() < 0.75 ? "MONTHLY" : "ANNUAL";
    const currency = pick(rand, CURRENCIES);
    const amount = pick(rand, AMOUNTS);
    const attemptId = `att_${seed}_${label}`;
    const variant = rand() < 0.5 ? "default" : "renew";
    const session = await stripe.checkout.sessions.create(
      checkoutSessionParams(
        { frequency, currency, amount, surface, variant },
        { attemptId, appUrl: "http://127.0.0.1:3999", publication: "Storm Gazette" },
      ),
      { idempotencyKey: `storm-${attemptId}` },
    );
    attempts.push({
      id: attemptId,
      stripeSessionId: session.id,
      frequency,
      amount,
      currency,
      surface,
      variant,
    });
    gifts++;
    const roll = rand();
    const outcome =
      roll < 0.8
        ? "paid"
        : roll < 0.86
          ? "async_succeeded"
          : roll < 0.91
            ? "async_failed"
            : roll < 0.95
              ? "async_pending"
              : "declined";
    if (outcome === "declined") {
      // The card is declined, the reader tries again with another card: the same session, then paid.
      await control
        .post(`checkout/sessions/${session.id}/complete`, { outcome: "declined", email, name })
        .catch(() => undefined);
      await control.post(`checkout/sessions/${session.id}/complete`, {
        outcome: "paid",
        email,
        name,
      });
    } else {
      await control.post(`checkout/sessions/${session.id}/complete`, { outcome, email, name });
    }
    if (outcome === "async_pending") {
      await control.post(`checkout/sessions/${session.id}/settle`, {
        outcome: rand() < 0.7 ? "succeeded" : "failed",
      });
    }
    const paid = outcome !== "async_failed";
    const settled = await stripe.checkout.sessions.retrieve(session.id);
    if (settled.payment_status !== "paid" || !paid) return;
    if (frequency === "ONCE") await oneTimeAfterlife(rand, String(settled.payment_intent));
    else await membershipLife(rand, String(settled.subscription));
  }

  async function oneTimeAfterlife(rand: () => number, paymentIntent: string) {
    const roll = rand();
    if (roll < 0.06) await stripe.refunds.create({ payment_intent: paymentIntent });
    else if (roll < 0.12) {
      const intent = await stripe.paymentIntents.retrieve(paymentIntent);
      await stripe.refunds.create({
        payment_intent: paymentIntent,
        amount: Math.floor(intent.amount / 4),
      });
      if (rand() < 0.5)
        await stripe.refunds.create({
          payment_intent: paymentIntent,
          amount: Math.floor(intent.amount / 4),
        });
    }
  }

  async function membershipLife(rand: () => number, subscriptionId: string) {
    const steps = Math.floor(rand() * 5);
    for (let s = 0; s < steps; s++) {
      const roll = rand();
      if (roll < 0.5) {
        const result = await control.post<{
          object: string;
          payments?: { data: Array<{ payment: { payment_intent?: string } }> };
        }>(`subscriptions/${subscriptionId}/renew`);
        if (result.object === "subscription") return; // it was set to cancel at period end: now ended
        const intent = result.payments?.data[0]?.payment.payment_intent;
        if (intent && rand() < 0.08)
          await stripe.refunds.create({ payment_intent: intent }).catch(() => undefined);
      } else if (roll < 0.65) {
        const result = await control.post<{ object: string }>(
          `subscriptions/${subscriptionId}/fail_renewal`,
        );
        if (result.object === "subscription") return;
      } else if (roll < 0.77) {
        const sub = await stripe.subscriptions.retrieve(subscriptionId);
        const item = sub.items.data[0]!;
        await stripe.subscriptions.update(subscriptionId, {
          items: [
            {
              id: item.id,
              price_data: {
                currency: item.price.currency,
                unit_amount: pick(rand, AMOUNTS),
                product: String(item.price.product),
                recurring: { interval: item.price.recurring!.interval },
              },
            },
          ],
        });
      } else if (roll < 0.9) {
        const sub = await stripe.subscriptions.retrieve(subscriptionId);
        await stripe.subscriptions.update(subscriptionId, {
          cancel_at_period_end: !sub.cancel_at_period_end,
        });
      } else {
        await control.post(`subscriptions/${subscriptionId}/cancel`);
        return;
      }
    }
  }

  const emails: string[] = [];
  async function life(index: number) {
    const rand = random(seed * 100_003 + index);
    // One reader in ten gives again later with the same email, as another Stripe customer.
    // (Same name each time: which of two spellings a supporter keeps is the first one applied, so it would
    // depend on delivery order — see README, "How money is recorded".)
    const returning = emails.length > 0 && rand() < 0.1;
    const email = returning ? pick(rand, emails) : `reader${index}.${seed}@storm.example`;
    if (!returning) emails.push(email);
    const name = `Reader ${email.split(".")[0]}`;
    await checkout(rand, `${index}`, email, name);
    if (rand() < 0.08) await checkout(rand, `${index}b`, email, name);
  }

  let next = 0;
  const workers = Array.from({ length: options.concurrency ?? 8 }, async () => {
    while (next < options.supporters) await life(next++);
  });
  await Promise.all(workers);
  return { attempts, supporters: emails.length, gifts };
}

/** Events in the order the emulator raised them, as the exact bodies Stripe would send. */
export function recordedEvents(
  emulator: Emulator,
  since = 0,
): Array<{ id: string; type: string; payload: string }> {
  return emulator.events
    .all()
    .slice(since)
    .map((r) => ({ id: r.event.id, type: r.event.type, payload: r.payload }));
}

/** Writes the checkout attempts (created by the app before Checkout) into a database. */
export async function seedAttempts(db: PrismaClient, attempts: AttemptRow[]): Promise<void> {
  for (let i = 0; i < attempts.length; i += 500) {
    await db.checkoutAttempt.createMany({ data: attempts.slice(i, i + 500), skipDuplicates: true });
  }
}

export type StormReport = {
  events: number;
  deliveries: number;
  duplicates: number;
  retried: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Events that never got a 2xx within `maxAttempts` (should be empty). */
  undelivered: string[];
};

export function signedPost(
  url: string,
  payload: string,
  secret = testWebhookSecret(),
  signal?: AbortSignal,
): Promise<number> {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": signature,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    body: payload,
    signal,
  }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    () => 0, // no answer at all (connection refused or reset): Stripe retries those too
  );
}

/**
 * Delivers events as Stripe at its worst: shuffled, `duplicateRate` of them twice, `concurrency` senders at
 * once, and anything that does not get a 2xx put back at the end of the queue to be retried (after
 * `retryDelayMs`), up to `maxAttempts` times. Every answer is counted; `onAnswer` sees each one.
 */
export async function deliverStorm(options: {
  url: string;
  events: Array<{ id: string; payload: string }>;
  seed: number;
  duplicateRate?: number;
  /** false: in the order given (Stripe on a good day). Default true. */
  shuffle?: boolean;
  concurrency?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
  onAnswer?: (event: { id: string }, status: number) => void;
  /** How one delivery is made; default: a signed POST to `url`. Resolves to the HTTP status (0: no answer). */
  send?: (event: { id: string; payload: string }) => Promise<number>;
}): Promise<StormReport> {
  const rand = random(options.seed);
  const duplicates = options.events.filter(() => rand() < (options.duplicateRate ?? 0.2));
  const all = [...options.events, ...duplicates];
  const queue = (options.shuffle === false ? all : shuffle(all, rand)).map((event) => ({
    event,
    attempts: 0,
    notBefore: 0,
  }));
  const maxAttempts = options.maxAttempts ?? 12;
  const statuses: Record<string, number> = {};
  const undelivered: string[] = [];
  let retried = 0;
  let deliveries = 0;
  const start = performance.now();

  let cursor = 0;
  let inFlight = 0;
  const sender = async () => {
    for (;;) {
      if (cursor >= queue.length) {
        if (inFlight === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10)); // a retry may still be queued by another sender
        continue;
      }
      const item = queue[cursor++]!;
      const wait = item.notBefore - performance.now();
      inFlight++;
      try {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        item.attempts++;
        deliveries++;
        const status = options.send
          ? await options.send(item.event)
          : await signedPost(options.url, item.event.payload);
        statuses[status] = (statuses[status] ?? 0) + 1;
        options.onAnswer?.(item.event, status);
        if (status < 200 || status >= 300) {
          if (item.attempts >= maxAttempts) undelivered.push(item.event.id);
          else {
            retried++;
            queue.push({
              ...item,
              notBefore: performance.now() + (options.retryDelayMs ?? 50) * item.attempts,
            });
          }
        }
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, sender));
  return {
    events: options.events.length,
    deliveries,
    duplicates: duplicates.length,
    retried,
    statuses,
    seconds: (performance.now() - start) / 1000,
    undelivered,
  };
}

/** The reference: every event applied once, in the order Stripe raised it. */
export async function applyInOrder(
  db: PrismaClient,
  stripe: Stripe,
  events: Array<{ payload: string }>,
): Promise<void> {
  for (const { payload } of events)
    await processEvent(JSON.parse(payload) as Stripe.Event, { db, stripe });
}

/** A refund as Stripe states it (its re_… id, money, status and when it was made). */
export const REFUND_FIELDS = {
  stripeRefundId: true,
  amount: true,
  currency: true,
  status: true,
  createdAt: true,
} satisfies Prisma.RefundSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * What a database holds, in terms that do not depend on the order rows were written: supporters by email
 * and customers, memberships by subscription, payments by Stripe id, refunds by re_… id, the ledger, checkout
 * attempts and the funnel's completions. (Generated ids, timestamps of our own writes and `stateAt` are left out.)
 */
export async function captureState(db: PrismaClient) {
  const supporters = await db.supporter.findMany({
    select: { email: true, name: true, role: true, customers: { select: { id: true } } },
  });
  const memberships = await db.membership.findMany({
    select: {
      stripeSubscriptionId: true,
      stripeCustomerId: true,
      ...MEMBERSHIP_TERMS,
      checkoutAttemptId: true,
      supporter: { select: { email: true } },
    },
  });
  const payments = await db.payment.findMany({
    select: {
      stripeId: true,
      stripePaymentIntentId: true,
      ...PAYMENT_AMOUNTS,
      receiptUrl: true,
      checkoutAttemptId: true,
      membership: { select: { stripeSubscriptionId: true } },
      supporter: { select: { email: true } },
    },
  });
  const refunds = await db.refund.findMany({
    select: { ...REFUND_FIELDS, payment: { select: { stripeId: true } } },
  });
  const ledger = await db.stripeEvent.findMany({ select: { id: true, type: true, outcome: true } });
  const attempts = await db.checkoutAttempt.findMany({
    select: { id: true, status: true, completedAt: true, supporter: { select: { email: true } } },
  });
  const funnel = await db.askDailyStat.findMany({
    select: { day: true, surface: true, variant: true, completions: true },
  });

  const byKey = <T>(rows: T[], key: (row: T) => string) =>
    new Map(rows.map((row) => [key(row), row]));
  return {
    supporters: byKey(
      supporters.map((s) => ({
        email: s.email,
        name: s.name,
        role: s.role,
        customers: s.customers.map((c) => c.id).sort(),
      })),
      (s) => s.email ?? `customers:${s.customers.join(",")}`,
    ),
    memberships: byKey(
      memberships.map(({ supporter, currentPeriodEnd, startedAt, endedAt, ...m }) => ({
        ...m,
        supporter: supporter.email,
        currentPeriodEnd: iso(currentPeriodEnd),
        startedAt: iso(startedAt),
        endedAt: iso(endedAt),
      })),
      (m) => m.stripeSubscriptionId,
    ),
    payments: byKey(
      payments.map(({ supporter, membership, paidAt, ...p }) => ({
        ...p,
        supporter: supporter.email,
        subscription: membership?.stripeSubscriptionId ?? null,
        paidAt: iso(paidAt),
      })),
      (p) => p.stripeId,
    ),
    refunds: byKey(
      refunds.map(({ payment, createdAt, ...r }) => ({
        ...r,
        payment: payment.stripeId,
        createdAt: iso(createdAt),
      })),
      (r) => r.stripeRefundId,
    ),
    ledger: byKey(ledger, (e) => e.id),
    attempts: byKey(
      attempts.map(({ supporter, completedAt, ...a }) => ({
        ...a,
        supporter: supporter?.email ?? null,
        completedAt: iso(completedAt),
      })),
      (a) => a.id,
    ),
    funnel: byKey(
      funnel.map((f) => ({ ...f, day: iso(f.day) })),
      (f) => `${f.day}/${f.surface}/${f.variant}`,
    ),
  };
}

export type CapturedState = Awaited<ReturnType<typeof captureState>>;

/** Where two captured states differ, as readable lines (at most `limit`); empty when they are the same. */
export function diffStates(actual: CapturedState, expected: CapturedState, limit = 20): string[] {
  const lines: string[] = [];
  for (const section of Object.keys(expected) as Array<keyof CapturedState>) {
    const a = actual[section] as Map<string, unknown>;
    const e = expected[section] as Map<string, unknown>;
    for (const [key, row] of e) {
      const other = a.get(key);
      if (other === undefined)
        lines.push(`${section} ${key}: missing (expected ${JSON.stringify(row)})`);
      else if (JSON.stringify(other) !== JSON.stringify(row))
        lines.push(
          `${section} ${key}: ${JSON.stringify(other)} != expected ${JSON.stringify(row)}`,
        );
    }
    for (const [key, row] of a)
      if (!e.has(key)) lines.push(`${section} ${key}: unexpected ${JSON.stringify(row)}`);
  }
  return lines
    .slice(0, limit)
    .concat(lines.length > limit ? [`… and ${lines.length - limit} more`] : []);
}

/** Row counts of a captured state, for reports. */
export function stateSize(state: CapturedState): Record<string, number> {
  return Object.fromEntries(
    Object.entries(state).map(([k, v]) => [k, (v as Map<string, unknown>).size]),
  );
}
