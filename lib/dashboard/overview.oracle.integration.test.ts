import { PrismaPg } from "@prisma/adapter-pg";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../generated/prisma/client";
import {
  BillingInterval,
  MembershipStatus,
  PaymentKind,
  PaymentStatus,
} from "../../generated/prisma/enums";
import { DISPUTE_RANK } from "../membership/dispute-status";
import { REFUND_STATUSES } from "../membership/refund-status";
import { exec, q } from "../db/query";
import { pgSqlDatabase, prismaSql, type Sql } from "../db/sql";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { CURRENCIES } from "../rules/currencies";
import {
  membersByMonthOfHistory,
  overviewOfHistory,
  revenueByMonthOfHistory,
  type History,
  type Period,
} from "./metrics";
import { membersByMonth, overview, revenueByMonth } from "./overview";

/**
 * The oracle: lib/dashboard/metrics.ts computes the overview from rows in memory, with lib/rules' predicates;
 * overview.ts computes it in PostgreSQL, with the same rules as SQL. On random histories (memberships in every
 * status, dated around the period's edges; payments, refunds and disputes in every status) both must give the
 * same figures, to the cent: the period's summary and the one before, the cancelling count, revenue by month and
 * members by month. A fixed seed makes the runs repeatable; a failure prints its seed and path, and
 * FC_SEED=<seed> (with FC_PATH=<path>) replays it.
 */
const RUNS = 40;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_110;
const PATH = process.env.FC_PATH;

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-15T09:30:00.000Z");

let database: TestDatabase;
let pool: pg.Pool;
let prisma: PrismaClient;
let viaPg: Sql;
let viaPrisma: Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Dropping the database ends any connection still closing; heard here, it cannot end the run.
  pool.on("error", () => {});
  viaPg = pgSqlDatabase(pool);
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  viaPrisma = prismaSql(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  if (pool && !pool.ended) await pool.end();
  await database?.drop();
});

// A period ending at or before "now", of one of the dashboard's lengths (or a day, or a few hours).
const periodArb = fc
  .record({
    daysBack: fc.integer({ min: 0, max: 200 }),
    length: fc.constantFrom(30, 90, 365, 1, 0.125),
  })
  .map(({ daysBack, length }): Period => {
    const end = new Date(NOW - daysBack * DAY);
    return { start: new Date(end.getTime() - length * DAY), end };
  });

/** Instants anywhere in the last two years and a bit, and often exactly on (or 1 ms either side of) an edge. */
function instantArb(period: Period): fc.Arbitrary<Date> {
  const length = period.end.getTime() - period.start.getTime();
  const edges = [period.start, period.end, new Date(period.start.getTime() - length)].flatMap(
    (t) => [t.getTime() - 1, t.getTime(), t.getTime() + 1],
  );
  // Month starts and the last moments of months, which the charts cut at.
  for (let m = 0; m < 4; m++) {
    const now = new Date(NOW);
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1);
    edges.push(start - 1, start, start + 1);
  }
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.integer({ min: NOW - 800 * DAY, max: NOW + 30 * DAY }) },
      { weight: 1, arbitrary: fc.constantFrom(...edges) },
    )
    .map((t) => new Date(t));
}

const currencyArb = fc.constantFrom(...CURRENCIES);
const amountArb = fc.integer({ min: 1, max: 250_000 });

function historyArb(period: Period): fc.Arbitrary<Generated> {
  const at = instantArb(period);
  const maybe = fc.option(at, { nil: null, freq: 3 });
  const membership = fc.record({
    supporter: fc.nat(),
    status: fc.constantFrom(...Object.values(MembershipStatus)),
    interval: fc.constantFrom(...Object.values(BillingInterval)),
    amount: amountArb,
    currency: currencyArb,
    startedAt: at,
    endedAt: maybe,
    stateAt: at,
    cancelAtPeriodEnd: fc.boolean(),
  });
  const payment = fc.record({
    supporter: fc.nat(),
    kind: fc.constantFrom(...Object.values(PaymentKind)),
    status: fc.constantFrom(...Object.values(PaymentStatus)),
    amount: amountArb,
    currency: currencyArb,
    paidAt: maybe,
    createdAt: at,
  });
  const moneyOut = <S extends string>(statuses: readonly S[]) =>
    fc.record({
      payment: fc.nat(),
      status: fc.constantFrom(...statuses),
      amount: amountArb,
      currency: currencyArb,
      createdAt: at,
    });
  return fc
    .record({
      supporters: fc.integer({ min: 1, max: 12 }),
      memberships: fc.array(membership, { maxLength: 30 }),
      payments: fc.array(payment, { minLength: 1, maxLength: 40 }),
      refunds: fc.array(moneyOut(REFUND_STATUSES), { maxLength: 15 }),
      disputes: fc.array(fc.record({ out: moneyOut(Object.keys(DISPUTE_RANK)), lostAt: maybe }), {
        maxLength: 10,
      }),
    })
    .map((h) => ({
      ...h,
      memberships: h.memberships.map((m) => ({ ...m, supporter: m.supporter % h.supporters })),
      payments: h.payments.map((p) => ({ ...p, supporter: p.supporter % h.supporters })),
      refunds: h.refunds.map((r) => ({ ...r, payment: r.payment % h.payments.length })),
      disputes: h.disputes.map(({ out, lostAt }) => ({
        ...out,
        lostAt,
        payment: out.payment % h.payments.length,
      })),
    }));
}

/**
 * Later changes, as later (or late, or out-of-order) webhooks make them: a payment's status and times (refunded,
 * disputed, failed then succeeded, paid on another day), a refund's status and day, a dispute lost (or its day
 * changed), a membership's status and times, a payment deleted (with its refunds and disputes), several payments
 * in one statement. Indexes pick rows modulo the table's length.
 */
function mutationArb(period: Period) {
  const at = instantArb(period);
  const maybe = fc.option(at, { nil: null, freq: 3 });
  return fc.oneof(
    fc.record({
      table: fc.constant("payment" as const),
      index: fc.nat(),
      status: fc.constantFrom(...Object.values(PaymentStatus)),
      paidAt: maybe,
      createdAt: fc.option(at, { nil: undefined }),
    }),
    fc.record({
      table: fc.constant("payments" as const),
      indexes: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
      status: fc.constantFrom(...Object.values(PaymentStatus)),
    }),
    fc.record({
      table: fc.constant("refund" as const),
      index: fc.nat(),
      status: fc.constantFrom(...REFUND_STATUSES),
      createdAt: fc.option(at, { nil: undefined }),
    }),
    fc.record({
      table: fc.constant("dispute" as const),
      index: fc.nat(),
      status: fc.constantFrom(...Object.keys(DISPUTE_RANK)),
      lostAt: maybe,
    }),
    fc.record({
      table: fc.constant("membership" as const),
      index: fc.nat(),
      status: fc.constantFrom(...Object.values(MembershipStatus)),
      endedAt: maybe,
      stateAt: at,
      startedAt: fc.option(at, { nil: undefined }),
      amount: fc.option(amountArb, { nil: undefined }),
    }),
    fc.record({ table: fc.constant("deletePayment" as const), index: fc.nat() }),
  );
}
type Mutation = ReturnType<typeof mutationArb> extends fc.Arbitrary<infer M> ? M : never;

/** Applies `m` to the database with an UPDATE or DELETE, and to `h` alike; rows are named by their index. */
async function mutate(h: Generated, m: Mutation): Promise<void> {
  const pick = <T extends object>(rows: T[], index: number) => {
    const alive = rows
      .map((r, i) => [r, i] as const)
      .filter(([r]) => !(r as { gone?: boolean }).gone);
    return alive.length ? alive[index % alive.length]! : null;
  };
  switch (m.table) {
    case "payment": {
      const hit = pick(h.payments, m.index);
      if (!hit) return;
      const [p, i] = hit;
      Object.assign(
        p,
        { status: m.status, paidAt: m.paidAt },
        m.createdAt ? { createdAt: m.createdAt } : {},
      );
      await exec(
        viaPg,
        q
          .updateTable("Payment")
          .set({ status: m.status, paidAt: m.paidAt, createdAt: p.createdAt })
          .where("id", "=", `p${i}`),
      );
      return;
    }
    case "payments": {
      const ids = [...new Set(m.indexes.map((n) => pick(h.payments, n)).filter((x) => x !== null))];
      for (const [p] of ids) p.status = m.status;
      if (ids.length)
        await exec(
          viaPg,
          q
            .updateTable("Payment")
            .set({ status: m.status })
            .where(
              "id",
              "in",
              ids.map(([, i]) => `p${i}`),
            ),
        );
      return;
    }
    case "refund": {
      const hit = pick(h.refunds, m.index);
      if (!hit) return;
      const [r, i] = hit;
      Object.assign(r, { status: m.status }, m.createdAt ? { createdAt: m.createdAt } : {});
      await exec(
        viaPg,
        q
          .updateTable("Refund")
          .set({ status: r.status, createdAt: r.createdAt })
          .where("id", "=", `r${i}`),
      );
      return;
    }
    case "dispute": {
      const hit = pick(h.disputes, m.index);
      if (!hit) return;
      const [d, i] = hit;
      Object.assign(d, { status: m.status, lostAt: m.lostAt });
      await exec(
        viaPg,
        q
          .updateTable("Dispute")
          .set({ status: d.status, lostAt: d.lostAt })
          .where("id", "=", `d${i}`),
      );
      return;
    }
    case "membership": {
      const hit = pick(h.memberships, m.index);
      if (!hit) return;
      const [ms, i] = hit;
      Object.assign(
        ms,
        { status: m.status, endedAt: m.endedAt, stateAt: m.stateAt },
        m.startedAt ? { startedAt: m.startedAt } : {},
        m.amount ? { amount: m.amount } : {},
      );
      await exec(
        viaPg,
        q
          .updateTable("Membership")
          .set({
            status: ms.status,
            endedAt: ms.endedAt,
            stateAt: ms.stateAt,
            startedAt: ms.startedAt,
            amount: ms.amount,
          })
          .where("id", "=", `m${i}`),
      );
      return;
    }
    case "deletePayment": {
      const hit = pick(h.payments, m.index);
      if (!hit) return;
      const [p, i] = hit;
      p.gone = true;
      for (const r of h.refunds) if (r.payment === i) r.gone = true;
      for (const d of h.disputes) if (d.payment === i) d.gone = true;
      await exec(viaPg, q.deleteFrom("Payment").where("id", "=", `p${i}`));
      return;
    }
  }
}

/** The history as the oracle reads it: the rows not deleted. */
const current = (h: Generated): History => ({
  memberships: h.memberships,
  payments: h.payments.filter((p) => !p.gone),
  refunds: h.refunds.filter((r) => !r.gone),
  disputes: h.disputes.filter((d) => !d.gone),
});

/**
 * DailyTotal as the triggers kept it, against DailyTotal recomputed from the rows now there (the migration's
 * backfill, in a transaction rolled back): both without the keys that add up to nothing.
 */
async function totalsDrift(): Promise<{ kept: unknown[]; recomputed: unknown[] }> {
  const client = await pool.connect();
  const read = async () =>
    (
      await client.query(
        `SELECT measure, day::text, status, kind, currency, relation, count, amount::text FROM "DailyTotal"
          WHERE count <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
      )
    ).rows;
  try {
    await client.query("BEGIN");
    const kept = await read();
    await client.query(`DELETE FROM "DailyTotal"`);
    for (const table of ["Payment", "Refund", "Dispute", "Membership"])
      await client.query(
        `DO $$ BEGIN EXECUTE "DailyTotal_sql"('${table}', 'SELECT 1 AS sign, * FROM "${table}"'); END $$`,
      );
    const recomputed = await read();
    return { kept, recomputed };
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Generated = {
  supporters: number;
  memberships: Mutable<History["memberships"][number] & { supporter: number }>[];
  payments: Mutable<History["payments"][number] & { supporter: number; gone?: boolean }>[];
  refunds: Mutable<History["refunds"][number] & { payment: number; gone?: boolean }>[];
  disputes: Mutable<
    History["disputes"][number] & { payment: number; createdAt: Date; gone?: boolean }
  >[];
};

async function load(h: Generated): Promise<void> {
  await pool.query(`DELETE FROM "Supporter"`); // cascades to the rest
  const updatedAt = new Date(NOW);
  const supporterId = (n: number) => `s${n}`;
  await exec(
    viaPg,
    q
      .insertInto("Supporter")
      .values(Array.from({ length: h.supporters }, (_, i) => ({ id: supporterId(i), updatedAt }))),
  );
  if (h.memberships.length)
    await exec(
      viaPg,
      q.insertInto("Membership").values(
        h.memberships.map(({ supporter, ...m }, i) => ({
          ...m,
          id: `m${i}`,
          stripeSubscriptionId: `sub_${i}`,
          stripeCustomerId: `cus_${supporter}`,
          supporterId: supporterId(supporter),
          updatedAt,
        })),
      ),
    );
  await exec(
    viaPg,
    q.insertInto("Payment").values(
      h.payments.map(({ supporter, ...p }, i) => ({
        ...p,
        id: `p${i}`,
        stripeId: `in_${i}`,
        supporterId: supporterId(supporter),
        updatedAt,
      })),
    ),
  );
  if (h.refunds.length)
    await exec(
      viaPg,
      q.insertInto("Refund").values(
        h.refunds.map(({ payment, ...r }, i) => ({
          ...r,
          id: `r${i}`,
          stripeRefundId: `re_${i}`,
          paymentId: `p${payment}`,
          updatedAt,
        })),
      ),
    );
  if (h.disputes.length)
    await exec(
      viaPg,
      q.insertInto("Dispute").values(
        h.disputes.map(({ payment, ...d }, i) => ({
          ...d,
          id: `d${i}`,
          stripeDisputeId: `dp_${i}`,
          paymentId: `p${payment}`,
          reason: "general",
          stateAt: d.createdAt,
          updatedAt,
        })),
      ),
    );
}

describe("the overview's SQL against its TypeScript oracle", () => {
  it(`agrees on ${RUNS} random histories (seed ${SEED})`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        periodArb.chain((period) => historyArb(period).map((history) => ({ period, history }))),
        async ({ period, history }) => {
          await load(history);
          const want = {
            overview: overviewOfHistory(history, period),
            revenue: revenueByMonthOfHistory(history, period),
            members: membersByMonthOfHistory(history, period),
          };
          for (const db of [viaPg, viaPrisma]) {
            const [got, revenue, members] = await Promise.all([
              overview(db, period),
              revenueByMonth(db, period),
              membersByMonth(db, period),
            ]);
            expect(got).toEqual(want.overview);
            expect(revenue).toEqual(want.revenue);
            expect(members).toEqual(want.members);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
    );
    console.log(`overview oracle: ${RUNS} histories in ${Date.now() - started} ms`);
  }, 120_000);

  it(`agrees after later changes to the rows, and DailyTotal is what the rows add up to (seed ${SEED})`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        periodArb.chain((period) =>
          fc.record({
            period: fc.constant(period),
            history: historyArb(period),
            changes: fc.array(mutationArb(period), { minLength: 1, maxLength: 25 }),
          }),
        ),
        async ({ period, history: generated, changes }) => {
          // fast-check replays and shrinks its values: the changes are made to a copy.
          const history = structuredClone(generated);
          await load(history);
          for (const change of changes) await mutate(history, change);
          const { kept, recomputed } = await totalsDrift();
          expect(kept).toEqual(recomputed);
          const rows = current(history);
          const [got, revenue, members] = await Promise.all([
            overview(viaPg, period),
            revenueByMonth(viaPg, period),
            membersByMonth(viaPg, period),
          ]);
          expect(got).toEqual(overviewOfHistory(rows, period));
          expect(revenue).toEqual(revenueByMonthOfHistory(rows, period));
          expect(members).toEqual(membersByMonthOfHistory(rows, period));
        },
      ),
      { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) },
    );
    console.log(`overview oracle after changes: ${RUNS} histories in ${Date.now() - started} ms`);
  }, 180_000);
});
