import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { parseEnv } from "../../lib/env";
import {
  EVER_ACTIVE_MEMBERSHIP_STATUSES,
  LAPSED_MEMBERSHIP_STATUSES,
  LIVE_MEMBERSHIP_STATUSES,
} from "../../lib/rules/membership-status";
import {
  COLLECTED_PAYMENT_STATUSES,
  COUNTED_REFUND_STATUSES,
  LOST_DISPUTE_STATUS,
} from "../../lib/rules/payment-status";
import { chartMonths } from "../../lib/dashboard/metrics";
import type { BenchRow } from "./ask-decision";
import { median } from "./load";
import { checkLargeSeed, seedLarge, type LargeSeed } from "./seed-large";

/**
 * The staff dashboard at 100 000 supporters / 1 000 000 payments: the overview (what /dashboard loads: the
 * period's KPIs against the previous period, revenue by month, members by month) and a filtered supporters
 * page, timed through the real lib/dashboard functions (Prisma, in this process) against the raw SQL of the same
 * aggregates sent with `pg` (the floor any implementation pays), alternated, medians of several rounds. The
 * rendered pages are also fetched over HTTP with a staff session, for the whole server time.
 */
const OVERVIEW_PERIOD = "30d";
const SUPPORTER_FILTERS = ["status=active&currency=EUR", "frequency=once&currency=GBP"];

// lib/rules' lists, as the text of the statements lib/dashboard compiles from them.
const list = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(", ")})`;
const EVER_MEMBER = `status IN ${list(EVER_ACTIVE_MEMBERSHIP_STATUSES)}`;
const LIVE = `status IN ${list(LIVE_MEMBERSHIP_STATUSES)}`;
const MEMBER_END = `COALESCE("endedAt", CASE WHEN status IN ${list(LAPSED_MEMBERSHIP_STATUSES)} THEN "stateAt" END)`;
const COLLECTED = `status IN ${list(COLLECTED_PAYMENT_STATUSES)}`;
const COUNTED_REFUND = `status IN ${list(COUNTED_REFUND_STATUSES)}`;
const LOST_DISPUTE = `status IN ${list([LOST_DISPUTE_STATUS])}`;

/**
 * The overview's aggregates as plain SQL over the rows (what lib/dashboard/overview.ts sent before the daily
 * totals), run with the same parallelism: the floor of any implementation that reads the rows.
 */
function rawOverview(pool: pg.Pool, start: Date, end: Date): Promise<unknown> {
  const prevStart = new Date(start.getTime() - (end.getTime() - start.getTime()));
  const membersAt = (at: Date) =>
    pool.query(
      `SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
                 WHERE ${EVER_MEMBER} AND "startedAt" <= $1 AND (${MEMBER_END} IS NULL OR ${MEMBER_END} > $1) GROUP BY 1, 2`,
      [at],
    );
  const between = (column: string, from: Date, to: Date) =>
    pool.query(
      `SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
                 WHERE ${EVER_MEMBER} AND ${column === "endedAt" ? `(("endedAt" >= $1 AND "endedAt" < $2) OR ("endedAt" IS NULL AND status IN ${list(LAPSED_MEMBERSHIP_STATUSES)} AND "stateAt" >= $1 AND "stateAt" < $2))` : `"${column}" >= $1 AND "${column}" < $2`} GROUP BY 1, 2`,
      [from, to],
    );
  const collected = (from: Date, to: Date) =>
    pool.query(
      `SELECT kind, currency, count(*) AS payments, sum(amount) AS gross FROM "Payment"
                 WHERE ${COLLECTED} AND "paidAt" >= $1 AND "paidAt" < $2 GROUP BY 1, 2 ORDER BY 2, 1`,
      [from, to],
    );
  const refunded = (from: Date, to: Date) =>
    pool.query(
      `SELECT currency, count(*) AS refunds, sum(amount) AS amount FROM "Refund"
                 WHERE ${COUNTED_REFUND} AND "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  const lost = (from: Date, to: Date) =>
    pool.query(
      `SELECT currency, count(*) AS disputes, sum(amount) AS amount FROM "Dispute"
                 WHERE ${LOST_DISPUTE} AND "lostAt" >= $1 AND "lostAt" < $2 GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  const failed = (from: Date, to: Date) =>
    pool.query(
      `SELECT count(*) FROM "Payment" WHERE status = 'FAILED' AND "createdAt" >= $1 AND "createdAt" < $2`,
      [from, to],
    );
  const summary = (from: Date, to: Date) =>
    Promise.all([
      membersAt(from),
      membersAt(new Date(to.getTime() - 1)),
      between("startedAt", from, to),
      between("endedAt", from, to),
      collected(from, to),
      refunded(from, to),
      lost(from, to),
      failed(from, to),
    ]);
  // The charts' months: the calendar months of the period, cut to it (lib/dashboard/metrics' chartMonths).
  const months = chartMonths({ start, end });
  const starts = months.map((m) => m.start);
  const ends = months.map((m) => m.end);
  const points = months.map((m) => new Date(m.end.getTime() - 1));
  return Promise.all([
    summary(start, end),
    summary(prevStart, start),
    pool.query(
      `SELECT count(*) FROM "Membership" WHERE "cancelAtPeriodEnd" AND "endedAt" IS NULL AND ${LIVE}`,
    ),
    pool.query(
      `SELECT m.start AS month, x.currency, sum(x.gross) AS gross, sum(x.refunded) AS refunded
         FROM unnest($1::timestamptz[], $2::timestamptz[]) AS m(start, "end")
        CROSS JOIN LATERAL (SELECT currency, sum(amount) AS gross, 0 AS refunded FROM "Payment"
                             WHERE ${COLLECTED} AND "paidAt" >= m.start AND "paidAt" < m."end" GROUP BY currency
                            UNION ALL
                            SELECT currency, 0, sum(amount) FROM "Refund"
                             WHERE ${COUNTED_REFUND} AND "createdAt" >= m.start AND "createdAt" < m."end" GROUP BY currency
                            UNION ALL
                            SELECT currency, 0, sum(amount) FROM "Dispute"
                             WHERE ${LOST_DISPUTE} AND "lostAt" >= m.start AND "lostAt" < m."end" GROUP BY currency) AS x
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [starts, ends],
    ),
    pool.query(
      `SELECT "interval", width_bucket(t - interval '1 millisecond', $1::timestamptz[]) AS before, sum(delta) AS delta
         FROM (SELECT "interval", "startedAt" AS t, 1 AS delta FROM "Membership" WHERE ${EVER_MEMBER} AND (${MEMBER_END} IS NULL OR ${MEMBER_END} > "startedAt")
               UNION ALL
               SELECT "interval", ${MEMBER_END}, -1 FROM "Membership" WHERE ${EVER_MEMBER} AND ${MEMBER_END} > "startedAt") AS changes
        GROUP BY 1, 2`,
      [points],
    ),
  ]);
}

/** The supporters page in one hand-written statement: the filter, the page, each row's membership and gift count. */
function rawSupporters(
  pool: pg.Pool,
  filter: URLSearchParams,
): Promise<pg.QueryResult<{ id: string }>> {
  // lib/rules/supporter.ts: staff and admins only once they gave.
  const where: string[] = [
    `(s.role = 'READER' OR EXISTS (SELECT 1 FROM "Payment" x WHERE x."supporterId" = s.id) OR EXISTS (SELECT 1 FROM "Membership" x WHERE x."supporterId" = s.id))`,
  ];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const status = filter.get("status");
  const frequency = filter.get("frequency");
  const currency = filter.get("currency");
  if (frequency === "once")
    where.push(
      `EXISTS (SELECT 1 FROM "Payment" x WHERE x."supporterId" = s.id AND x.kind = 'ONE_TIME' AND x.${COLLECTED})`,
    );
  if (frequency === "monthly" || frequency === "annual") {
    where.push(
      `EXISTS (SELECT 1 FROM "Membership" x WHERE x."supporterId" = s.id AND x.interval = ${p(frequency === "monthly" ? "MONTH" : "YEAR")} AND x.${EVER_MEMBER})`,
    );
  }
  if (status === "active")
    where.push(
      `EXISTS (SELECT 1 FROM "Membership" x WHERE x."supporterId" = s.id AND x.${LIVE} AND NOT x."cancelAtPeriodEnd")`,
    );
  if (currency) {
    const c = p(currency);
    where.push(
      `(EXISTS (SELECT 1 FROM "Payment" x WHERE x."supporterId" = s.id AND x.currency = ${c}) OR EXISTS (SELECT 1 FROM "Membership" x WHERE x."supporterId" = s.id AND x.currency = ${c}))`,
    );
  }
  return pool.query(
    `SELECT s.id, s.email, s.name, s.role, s."createdAt", m.status, m.interval, m.amount, m.currency, m."cancelAtPeriodEnd",
            (SELECT count(*) FROM "Payment" x WHERE x."supporterId" = s.id AND x.${COLLECTED}) AS payments
       FROM "Supporter" s
       LEFT JOIN LATERAL (SELECT * FROM "Membership" x WHERE x."supporterId" = s.id AND x.${EVER_MEMBER} ORDER BY x."startedAt" DESC LIMIT 1) m ON true
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 51`,
    params,
  );
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Alternates the two, after a few warm-ups each (JIT, plan and connection caches); returns the medians in ms. */
async function sideBySide(
  rounds: number,
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ subject: number; baseline: number }> {
  for (let i = 0; i < 3; i++) {
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await timed(subject));
    b.push(await timed(baseline));
  }
  return { subject: median(a), baseline: median(b) };
}

const ms = (v: number) => v.toFixed(1);

/** `absoluteOnly`: the rendered pages, held to the 300 ms server-time target (the ratio is shown, not targeted). */
function row(
  key: string,
  name: string,
  subject: number,
  baseline: number,
  baselineName: string,
  absoluteOnly = false,
): BenchRow {
  const ratio = subject / baseline;
  return {
    key,
    unit: "ms",
    name,
    value: ms(subject),
    baseline: `${ms(baseline)} (${baselineName})`,
    ratio: ratio.toFixed(2),
    target: absoluteOnly ? "< 300 ms" : "≤ 1.50, < 300 ms",
    met: absoluteOnly ? subject < 300 : ratio <= 1.5 && subject < 300,
  };
}

/**
 * The overview at 1 000 000 payments and at 100 000 (the same newsroom a tenth the size, seeded alike), each
 * timed as the page runs it (its three loads in parallel, on `pg` as lib/db runs them on PostgreSQL),
 * alternated, against the raw SQL of the same aggregates on the same database; and the growth from one to the
 * other. Its cost should follow the days shown, not the payments.
 */
async function overviewGrowth(
  pool: pg.Pool,
  smallUrl: string,
  rounds: number,
  now: Date,
): Promise<BenchRow[]> {
  const { pgSqlDatabase } = await import("../../lib/db/sql");
  const { overview, revenueByMonth, membersByMonth } = await import("../../lib/dashboard/overview");
  const { resolvePeriod } = await import("../../lib/dashboard/period");
  const { period } = resolvePeriod({ period: OVERVIEW_PERIOD }, now);
  const small = new pg.Pool({ connectionString: smallUrl, max: 10 });
  try {
    const page = (p: pg.Pool) => {
      const db = pgSqlDatabase(p);
      return () =>
        Promise.all([overview(db, period), revenueByMonth(db, period), membersByMonth(db, period)]);
    };
    const raw = (p: pg.Pool) => () => rawOverview(p, period.start, period.end);
    const large = await sideBySide(rounds, page(pool), raw(pool));
    const little = await sideBySide(rounds, page(small), raw(small));
    // The two sizes alternated too, so that what else the machine does weighs on both alike.
    const both = await sideBySide(rounds, page(pool), page(small));
    const growth = both.subject / both.baseline;
    const name = (size: string) =>
      `Dashboard overview (${OVERVIEW_PERIOD}) at ${size} payments, lib/dashboard on pg, ms`;
    return [
      {
        key: "dashboard.overview_ms_1m",
        unit: "ms",
        name: name("1 000 000"),
        value: ms(large.subject),
        baseline: `${ms(large.baseline)} (raw SQL, pg)`,
        ratio: (large.subject / large.baseline).toFixed(2),
        target: "≤ 50 ms",
        met: large.subject <= 50,
      },
      {
        key: "dashboard.overview_ms_100k",
        unit: "ms",
        name: name("100 000"),
        value: ms(little.subject),
        baseline: `${ms(little.baseline)} (raw SQL, pg)`,
        ratio: (little.subject / little.baseline).toFixed(2),
        target: "",
        met: null,
      },
      {
        key: "dashboard.overview_growth_100k_to_1m",
        unit: "×",
        name: "Dashboard overview, time at 1 000 000 payments ÷ at 100 000 (alternated rounds)",
        value: growth.toFixed(2),
        baseline: `${ms(both.baseline)} ms at 100 000, ${ms(both.subject)} ms at 1 000 000; raw SQL ×${(large.baseline / little.baseline).toFixed(2)}`,
        ratio: growth.toFixed(2),
        target: "≤ 1.50",
        met: growth <= 1.5,
      },
    ];
  } finally {
    await small.end();
  }
}

/** Seeds the (already migrated, empty) bench database and checks the data keeps the schema's invariants. */
export async function seedDashboard(
  databaseUrl: string,
  now: Date,
  supporters = 100_000,
): Promise<LargeSeed> {
  const seed = await seedLarge(databaseUrl, { now, supporters });
  const broken = await checkLargeSeed(databaseUrl, now);
  if (broken.length)
    throw new Error(`seeded data breaks the schema's invariants:\n${broken.join("\n")}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    // What autovacuum does on a live database: visibility map and statistics.
    await pool.query(
      `VACUUM ANALYZE "Supporter", "StripeCustomer", "Membership", "Payment", "Refund", "Dispute", "DailyTotal"`,
    );
    await pool.query(
      `INSERT INTO "Supporter" (id, email, role, "updatedAt") VALUES ('bench_staff', 'staff@bench.example', 'STAFF', now()) ON CONFLICT DO NOTHING`,
    );
  } finally {
    await pool.end();
  }
  return seed;
}

/**
 * Measures against the seeded database (DATABASE_URL must already name it in this process, so lib/db connects
 * to it); the HTTP rows need the app at appUrl on the same database.
 */
export async function benchDashboard(
  databaseUrl: string,
  smallDatabaseUrl: string | null,
  appUrl: string | null,
  rounds: number,
  now: Date,
): Promise<BenchRow[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const { db } = await import("../../lib/db");
  const { overview, revenueByMonth, membersByMonth } = await import("../../lib/dashboard/overview");
  const { listSupporters } = await import("../../lib/dashboard/supporters");
  const { parseFilters, supporterFilters } = await import("../../lib/dashboard/filters");
  const { resolvePeriod } = await import("../../lib/dashboard/period");
  const rows: BenchRow[] = [];
  try {
    // Overview: the page's three loads, in parallel as the page runs them.
    const { period } = resolvePeriod({ period: OVERVIEW_PERIOD }, now);
    const libOverview = () =>
      Promise.all([overview(db, period), revenueByMonth(db, period), membersByMonth(db, period)]);
    const [libResult] = await libOverview();
    const [current] = (await rawOverview(pool, period.start, period.end)) as [
      Array<pg.QueryResult<{ members: string }>>,
    ];
    const rawActive = current[1]!.rows.reduce((n, r) => n + Number(r.members), 0);
    if (libResult.current.activeMembers !== rawActive)
      throw new Error(
        `overview disagrees with its raw SQL: ${libResult.current.activeMembers} vs ${rawActive} active members`,
      );
    const o = await sideBySide(rounds, libOverview, () =>
      rawOverview(pool, period.start, period.end),
    );
    rows.push(
      row(
        "dashboard.overview_ratio",
        `Dashboard overview (${OVERVIEW_PERIOD}), lib/dashboard, ms`,
        o.subject,
        o.baseline,
        "raw SQL, pg",
      ),
    );

    if (smallDatabaseUrl) rows.push(...(await overviewGrowth(pool, smallDatabaseUrl, rounds, now)));

    for (const query of SUPPORTER_FILTERS) {
      const params = new URLSearchParams(query);
      const filters = parseFilters(supporterFilters, params);
      const libIds = (await listSupporters(db, filters)).rows.map((r) => r.id);
      const rawIds = (await rawSupporters(pool, params)).rows.slice(0, 50).map((r) => r.id);
      if (libIds.join() !== rawIds.join())
        throw new Error(`supporters page (${query}) disagrees with its raw SQL`);
      const s = await sideBySide(
        rounds,
        () => listSupporters(db, filters),
        () => rawSupporters(pool, params),
      );
      rows.push(
        row(
          `dashboard.supporters_ratio.${query}`,
          `Supporters page ?${query}, lib/dashboard, ms`,
          s.subject,
          s.baseline,
          "raw SQL, pg",
        ),
      );
    }

    if (!appUrl) return rows;
    // The rendered pages: session check, the same reads, React rendering, over HTTP.
    const token = await encode({
      token: { sub: "bench_staff", email: "staff@bench.example", role: "STAFF" },
      secret: parseEnv(process.env).authSecret,
    });
    const get = (path: string) => async () => {
      const response = await fetch(`${appUrl}${path}`, {
        headers: { cookie: `next-auth.session-token=${token}` },
        redirect: "manual",
      });
      const body = await response.text();
      if (response.status !== 200 || !body.includes("<table"))
        throw new Error(`GET ${path} as staff answered ${response.status}`);
    };
    const page = await sideBySide(rounds, get(`/dashboard?period=${OVERVIEW_PERIOD}`), () =>
      rawOverview(pool, period.start, period.end),
    );
    rows.push(
      row(
        "dashboard.overview_page_ms",
        `Dashboard overview page, HTTP (whole response), ms`,
        page.subject,
        page.baseline,
        "raw SQL, pg",
        true,
      ),
    );
    const list = await sideBySide(
      rounds,
      get(`/dashboard/supporters?${SUPPORTER_FILTERS[0]}`),
      () => rawSupporters(pool, new URLSearchParams(SUPPORTER_FILTERS[0])),
    );
    rows.push(
      row(
        "dashboard.supporters_page_ms",
        `Supporters page ?${SUPPORTER_FILTERS[0]}, HTTP (whole response), ms`,
        list.subject,
        list.baseline,
        "raw SQL, pg",
        true,
      ),
    );
  } finally {
    await pool.end();
  }
  return rows;
}
