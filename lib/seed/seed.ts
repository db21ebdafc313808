import type { BillingInterval } from "../../generated/prisma/enums";
import type { Db, Tx } from "../db";
import { applyMembershipSnapshot, type MembershipSnapshot } from "../membership/memberships";
import { applyRefund, findPaymentIdByIntent, recordPayment } from "../membership/payments";
import { recordDispute } from "../membership/disputes";
import { recordRefunds } from "../membership/refunds";
import { resolveSupporter } from "../membership/supporters";
import { prismaSql } from "../db/sql";
import { seededRandom } from "./random";
import { PLACEHOLDER_LINKS, unix, type SeedLinks, type SeedStripeAccount } from "./stripe-accounts";

/**
 * Demo history through the same domain functions the webhooks call (resolveSupporter, applyMembershipSnapshot,
 * recordPayment, applyRefund, recordRefunds, recordDispute): what the dashboard shows is what real events would have produced.
 * Deterministic for a given seed, and safe to run twice (ids are derived from the supporter's number).
 */
export type SeedOptions = {
  supporters: number;
  months: number;
  seed: number;
  now: Date;
  links: SeedLinks;
};

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Tim",
  "Margaret",
  "Linus",
  "Radia",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "Edsger",
  "Hedy",
  "John",
  "Mary",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Lee",
  "Hamilton",
  "Torvalds",
  "Perlman",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "Dijkstra",
  "Lamarr",
  "Backus",
  "Keller",
];
const PRESETS: Record<string, Record<BillingInterval | "ONCE", number[]>> = {
  USD: { ONCE: [1000, 2500, 5000, 10000], MONTH: [500, 1000, 2000], YEAR: [5000, 10000, 25000] },
  EUR: { ONCE: [1000, 2500, 5000], MONTH: [500, 1000, 2000], YEAR: [5000, 10000] },
  GBP: { ONCE: [1000, 2500, 5000], MONTH: [500, 1000], YEAR: [5000, 10000] },
};

const DAY = 86_400_000;
const addMonths = (d: Date, n: number) =>
  new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + n,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ),
  );

/** A charge the seed refunds or disputes: its payment intent, an amount, its currency and when it was paid. */
type SeededCharge = { paymentIntentId: string; amount: number; currency: string; paidAt: Date };

/** A number derived from `id` alone (a string hash from `start`), so that the seed's random sequence is untouched. */
const idHash = (id: string, start: number) =>
  [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, start);

/**
 * A refund of `amount` (the payment's cumulative refunded amount after it), as charge.refunded records it: made
 * 1–40 days after the payment (derived from its id, so the seed's random sequence is untouched), never after now.
 */
async function refund(
  tx: Tx,
  { paymentIntentId, amount, currency, paidAt }: SeededCharge,
  now: Date,
): Promise<void> {
  const sql = prismaSql(tx);
  const paymentId = await applyRefund(sql, paymentIntentId, amount);
  if (!paymentId) throw new Error(`seed: no payment for ${paymentIntentId}`);
  const days = 1 + (idHash(paymentIntentId, 7) % 40);
  const createdAt = new Date(Math.min(paidAt.getTime() + days * DAY, now.getTime()));
  await recordRefunds(sql, paymentId, [
    {
      stripeRefundId: paymentIntentId.replace(/^pi_/, "re_"),
      amount,
      currency,
      status: "succeeded",
      createdAt,
    },
  ]);
}

/**
 * About one gift in sixty is disputed (derived from its id, so the seed's random sequence is untouched): opened
 * 5–54 days after the payment, closed 30 days later as lost, won or (not yet) still under review, as the
 * charge.dispute.* events would record it. Nothing dated after now.
 */
async function maybeDispute(
  tx: Tx,
  { paymentIntentId, amount, currency, paidAt }: SeededCharge,
  now: Date,
): Promise<void> {
  const h = idHash(paymentIntentId, 11);
  if (h % 60 !== 0) return;
  const createdAt = new Date(paidAt.getTime() + (5 + ((h >> 6) % 50)) * DAY);
  if (createdAt > now) return;
  const paymentId = await findPaymentIdByIntent(prismaSql(tx), paymentIntentId);
  const closedAt = new Date(createdAt.getTime() + 30 * DAY);
  const outcome =
    closedAt > now ? "under_review" : (["lost", "won", "lost"] as const)[(h >> 3) % 3]!;
  const base = {
    stripeDisputeId: paymentIntentId.replace(/^pi_/, "dp_"),
    amount,
    currency,
    reason: (h >> 4) % 2 ? "fraudulent" : "product_unacceptable",
    createdAt,
  };
  await recordDispute(prismaSql(tx), paymentId!, {
    ...base,
    status: "needs_response",
    observedAt: createdAt,
  });
  await recordDispute(prismaSql(tx), paymentId!, {
    ...base,
    status: outcome,
    observedAt: outcome === "under_review" ? new Date(createdAt.getTime() + 7 * DAY) : closedAt,
  });
}

async function seedOne(
  tx: Tx,
  i: number,
  o: SeedOptions,
  rand: () => number,
): Promise<{ payments: number; account: SeedStripeAccount }> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const currency = rand() < 0.6 ? "USD" : rand() < 0.6 ? "EUR" : "GBP";
  const kindRoll = rand();
  const kind: BillingInterval | "ONCE" =
    kindRoll < 0.45 ? "ONCE" : kindRoll < 0.85 ? "MONTH" : "YEAR";
  const first = pick(FIRST);
  const last = pick(LAST);
  const email = `${first}.${last}.${i}@example.org`.toLowerCase();
  const start = new Date(o.now.getTime() - rand() * o.months * 30 * DAY);
  const customerId = `cus_seed_${i}`;
  const supporterId = await resolveSupporter(prismaSql(tx), {
    customerId,
    email,
    name: `${first} ${last}`,
  });
  await tx.supporter.update({ where: { id: supporterId }, data: { createdAt: start } });
  let payments = 0;
  const lower = currency.toLowerCase();
  const account: SeedStripeAccount = {
    customer: { id: customerId, email, name: `${first} ${last}`, created: unix(start) },
    subscription: null,
    invoices: [],
    charges: [],
  };

  if (kind === "ONCE") {
    const gifts = 1 + Math.floor(rand() * rand() * 3);
    for (let g = 0; g < gifts; g++) {
      const at = new Date(start.getTime() + g * rand() * 120 * DAY);
      if (at > o.now) break;
      const amount = pick(PRESETS[currency]!.ONCE);
      const failed = rand() < 0.04;
      const pi = `pi_seed_${i}_${g}`;
      const charge = `ch_seed_${i}_${g}`;
      await recordPayment(prismaSql(tx), {
        stripeId: pi,
        stripePaymentIntentId: pi,
        supporterId,
        kind: "ONE_TIME",
        status: failed ? "FAILED" : "SUCCEEDED",
        amount,
        currency,
        paidAt: failed ? null : at,
        failureMessage: failed ? "Your card was declined." : null,
        receiptUrl: failed ? null : o.links.receipt(charge, pi),
      });
      let amountRefunded = 0;
      if (failed) await tx.payment.update({ where: { stripeId: pi }, data: { createdAt: at } });
      else {
        await tx.payment.update({ where: { stripeId: pi }, data: { createdAt: at } });
        if (rand() < 0.04) {
          amountRefunded = rand() < 0.5 ? amount : Math.floor(amount / 2);
          await refund(
            tx,
            { paymentIntentId: pi, amount: amountRefunded, currency, paidAt: at },
            o.now,
          );
        } else await maybeDispute(tx, { paymentIntentId: pi, amount, currency, paidAt: at }, o.now);
      }
      account.charges.push({
        paymentIntent: pi,
        charge,
        amount,
        currency: lower,
        created: unix(at),
        succeeded: !failed,
        amountRefunded,
        description: "One-time gift",
      });
      payments++;
    }
    return { payments, account };
  }

  const interval = kind;
  const step = interval === "MONTH" ? 1 : 12;
  const amount = pick(PRESETS[currency]![interval]);
  const churnPerRenewal = interval === "MONTH" ? 0.035 : 0.2;
  const subscriptionId = `sub_seed_${i}`;
  let periodStart = start;
  let endedAt: Date | null = null;
  let n = 0;
  for (;;) {
    const inv = `in_seed_${i}_${n}`;
    const failed = n > 0 && rand() < 0.03;
    await recordPayment(prismaSql(tx), {
      stripeId: inv,
      stripePaymentIntentId: `pi_seed_${i}_r${n}`,
      supporterId,
      kind: "RECURRING",
      status: failed ? "FAILED" : "SUCCEEDED",
      amount,
      currency,
      paidAt: failed ? null : periodStart,
      failureMessage: failed ? "The payment was declined." : null,
      receiptUrl: o.links.invoice(inv),
    });
    const periodEnd = addMonths(start, (n + 1) * step);
    account.invoices.push({
      id: inv,
      amount,
      currency: lower,
      created: unix(periodStart),
      periodStart: unix(periodStart),
      periodEnd: unix(periodEnd),
      paid: !failed,
    });
    await tx.payment.update({ where: { stripeId: inv }, data: { createdAt: periodStart } });
    payments++;
    if (!failed && rand() < 0.01)
      await refund(
        tx,
        { paymentIntentId: `pi_seed_${i}_r${n}`, amount, currency, paidAt: periodStart },
        o.now,
      );
    const next = addMonths(start, (n + 1) * step);
    if (failed || rand() < churnPerRenewal) {
      endedAt = failed ? new Date(periodStart.getTime() + 14 * DAY) : next;
      if (endedAt > o.now) endedAt = null; // still in its last period: cancelling at period end
      break;
    }
    if (next > o.now) break;
    periodStart = next;
    n++;
  }
  const currentPeriodEnd = addMonths(start, (n + 1) * step);
  const cancelling =
    endedAt === null && (currentPeriodEnd.getTime() - o.now.getTime() < 0 || rand() < 0.04);
  const snapshot: MembershipSnapshot = {
    stripeSubscriptionId: subscriptionId,
    stripeCustomerId: customerId,
    status: endedAt ? "CANCELED" : "ACTIVE",
    interval,
    amount,
    currency,
    currentPeriodEnd,
    cancelAtPeriodEnd: cancelling,
    startedAt: start,
    endedAt,
    checkoutAttemptId: null,
    stateAt: endedAt ?? o.now,
  };
  const membershipId = await applyMembershipSnapshot(
    prismaSql(tx),
    supporterId,
    snapshot,
    async () => snapshot,
  );
  await tx.payment.updateMany({
    where: { supporterId, kind: "RECURRING", membershipId: null },
    data: { membershipId },
  });
  account.subscription = {
    id: subscriptionId,
    interval: interval === "MONTH" ? "month" : "year",
    amount,
    currency: lower,
    created: unix(start),
    currentPeriodStart: unix(addMonths(start, n * step)),
    currentPeriodEnd: unix(currentPeriodEnd),
    status: endedAt ? "canceled" : "active",
    cancelAtPeriodEnd: cancelling,
    endedAt: endedAt ? unix(endedAt) : null,
  };
  return { payments, account };
}

export async function seed(
  db: Db,
  options: Partial<SeedOptions> = {},
): Promise<{ supporters: number; payments: number; stripe: SeedStripeAccount[] }> {
  const o: SeedOptions = {
    supporters: 2000,
    months: 18,
    seed: 42,
    now: new Date(),
    links: PLACEHOLDER_LINKS,
    ...options,
  };
  const rand = seededRandom(o.seed);
  let payments = 0;
  const stripe: SeedStripeAccount[] = [];
  const BATCH = 50;
  for (let from = 0; from < o.supporters; from += BATCH) {
    const batch: SeedStripeAccount[] = [];
    await db.$transaction(
      async (tx) => {
        batch.length = 0; // a retried transaction starts its batch again
        for (let i = from; i < Math.min(from + BATCH, o.supporters); i++) {
          const one = await seedOne(tx, i, o, rand);
          payments += one.payments;
          batch.push(one.account);
        }
      },
      { timeout: 120_000 },
    );
    stripe.push(...batch);
  }
  return { supporters: o.supporters, payments, stripe };
}

/** The demo's sign-in accounts: an admin, and a reader with a monthly membership to try /account. */
export async function seedDemoAccounts(
  db: Db,
  now = new Date(),
  links: SeedLinks = PLACEHOLDER_LINKS,
): Promise<SeedStripeAccount[]> {
  const account: SeedStripeAccount = {
    customer: {
      id: "cus_seed_demo_reader",
      email: "reader@example.com",
      name: "Demo Reader",
      created: unix(addMonths(now, -3)),
    },
    subscription: null,
    invoices: [],
    charges: [],
  };
  await db.supporter.upsert({
    where: { email: "admin@example.com" },
    create: { email: "admin@example.com", name: "Demo Admin", role: "ADMIN" },
    update: { role: "ADMIN" },
  });
  await db.$transaction(async (tx) => {
    const supporterId = await resolveSupporter(prismaSql(tx), {
      customerId: "cus_seed_demo_reader",
      email: "reader@example.com",
      name: "Demo Reader",
    });
    const start = addMonths(now, -3);
    const snapshot: MembershipSnapshot = {
      stripeSubscriptionId: "sub_seed_demo_reader",
      stripeCustomerId: "cus_seed_demo_reader",
      status: "ACTIVE",
      interval: "MONTH",
      amount: 1000,
      currency: "USD",
      currentPeriodEnd: addMonths(start, 4),
      cancelAtPeriodEnd: false,
      startedAt: start,
      endedAt: null,
      checkoutAttemptId: null,
      stateAt: now,
    };
    const membershipId = await applyMembershipSnapshot(
      prismaSql(tx),
      supporterId,
      snapshot,
      async () => snapshot,
    );
    account.invoices = [];
    for (let n = 0; n < 4; n++) {
      const at = addMonths(start, n);
      if (at > now) break;
      await recordPayment(prismaSql(tx), {
        stripeId: `in_seed_demo_${n}`,
        supporterId,
        membershipId,
        kind: "RECURRING",
        status: "SUCCEEDED",
        amount: 1000,
        currency: "USD",
        paidAt: at,
        receiptUrl: links.invoice(`in_seed_demo_${n}`),
      });
      account.invoices.push({
        id: `in_seed_demo_${n}`,
        amount: 1000,
        currency: "usd",
        created: unix(at),
        periodStart: unix(at),
        periodEnd: unix(addMonths(start, n + 1)),
        paid: true,
      });
    }
    const last = account.invoices.at(-1);
    account.subscription = {
      id: "sub_seed_demo_reader",
      interval: "month",
      amount: 1000,
      currency: "usd",
      created: unix(start),
      currentPeriodStart: last?.periodStart ?? unix(start),
      currentPeriodEnd: unix(addMonths(start, 4)),
      status: "active",
      cancelAtPeriodEnd: false,
      endedAt: null,
    };
  });
  return [account];
}
