import { q, sql as raw } from "../db/query";
import { prepare, type Prepared } from "../db/prepared";
import type { Sql } from "../db/sql";
import { sqlOf, type DbOrSql } from "../db/executor";
import { inList } from "../rules/sql-list";
import { SURFACES } from "./config";

export const FUNNEL_STEPS = [
  "impressions",
  "continues",
  "checkouts",
  "completions",
  "remindLaters",
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export type FunnelKey = { surface: string; variant: string; at: Date };

const DAY_MS = 86_400_000;

/** The UTC date of an instant, as the counters' day column holds it ("2026-12-01"). */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const asDate = (day: string) => raw<Date>`CAST(${day} AS date)`;

// One statement per step (the step is a column); built once each.
const COUNT = Object.fromEntries(
  FUNNEL_STEPS.map((step) => [
    step,
    prepare((p: { day: string; surface: string; variant: string }) =>
      q
        .insertInto("AskDailyStat")
        .values({
          day: asDate(p.day),
          surface: p.surface,
          variant: p.variant,
          [step]: 1,
        })
        .onConflict((c) =>
          c
            .columns(["day", "surface", "variant"])
            .doUpdateSet((eb) => ({ [step]: eb(`AskDailyStat.${step}`, "+", 1) })),
        ),
    ),
  ]),
) as Record<FunnelStep, Prepared<{ day: string; surface: string; variant: string }, unknown>>;

/**
 * Adds one to a counter of the day's row for that surface and variant (one upsert, never a row per event).
 * On an `Sql` executor (lib/db/sql.ts), so the webhook's transactions run it too; for a Prisma client pass
 * prismaSql(db).
 */
export async function countFunnelStep(sql: Sql, step: FunnelStep, key: FunnelKey): Promise<void> {
  const count = COUNT[step];
  if (!count) throw new Error(`unknown funnel step ${String(step)}`);
  await count.exec(sql, { day: isoDay(key.at), surface: key.surface, variant: key.variant });
}

export type FunnelCounts = {
  day: string;
  surface: string;
  variant: string;
  steps: Partial<Record<FunnelStep, number>>;
};

// The rows travel as one JSON parameter, so the statement's text is the same for any number of rows (prepared
// once per connection, like the hot paths' other statements) and every executor passes it alike (pg, Prisma,
// PGlite).
const ADD_COUNTS = prepare((p: { rows: string }) =>
  q
    .insertInto("AskDailyStat")
    .columns(["day", "surface", "variant", ...FUNNEL_STEPS])
    .expression(
      raw<never>`SELECT day, surface, variant, ${raw.join(FUNNEL_STEPS.map((s) => raw`coalesce(${raw.ref(`r.${s}`)}, 0)`))}
        FROM json_to_recordset(CAST(${p.rows} AS json))
          AS r(day date, surface text, variant text, ${raw.join(FUNNEL_STEPS.map((s) => raw`${raw.id(s)} integer`))})`,
    )
    .onConflict((c) =>
      c
        .columns(["day", "surface", "variant"])
        .doUpdateSet((eb) =>
          Object.fromEntries(
            FUNNEL_STEPS.map((step) => [
              step,
              eb(eb.ref(`AskDailyStat.${step}`), "+", eb.ref(`excluded.${step}`)),
            ]),
          ),
        ),
    ),
);

/**
 * Adds many rows' counts in ONE statement (a multi-row upsert): what the funnel's buffer (funnel-buffer.ts)
 * writes each flush. Each (day, surface, variant) must appear once: one statement cannot update a row twice.
 */
export async function addFunnelCounts(sql: Sql, rows: readonly FunnelCounts[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({
    day: r.day,
    surface: r.surface,
    variant: r.variant,
    ...r.steps,
  }));
  await ADD_COUNTS.exec(sql, { rows: JSON.stringify(json) });
}

export type FunnelRow = { surface: string; variant: string } & Record<FunnelStep, number>;

/** The steps' sums as numbers (PostgreSQL returns SUM of integers as numeric text). */
function stepCounts(row: Record<FunnelStep, number | string | null>): Record<FunnelStep, number> {
  return Object.fromEntries(FUNNEL_STEPS.map((step) => [step, Number(row[step] ?? 0)])) as Record<
    FunnelStep,
    number
  >;
}

/**
 * The days a period [from, to) touches, as the counters' day column holds them: from `from`'s day through the
 * day of its last instant (today, for a period ending now), as dates [first, afterLast).
 */
export function periodDays(from: Date, to: Date): { first: string; afterLast: string } {
  // The day after the last instant's: a UTC day is always 24 hours long.
  return { first: isoDay(from), afterLast: isoDay(new Date(to.getTime() - 1 + DAY_MS)) };
}

const SUM_BY_SURFACE = prepare((p: { first: string; afterLast: string }) =>
  q
    .selectFrom("AskDailyStat")
    .select((eb) => [
      "surface",
      "variant",
      ...FUNNEL_STEPS.map((step) => eb.fn.sum<number | string | null>(step).as(step)),
    ])
    .where("day", ">=", asDate(p.first))
    .where("day", "<", asDate(p.afterLast))
    // Only the ask's own surfaces: rows written before surfaces were checked may hold anything.
    .where((eb) => inList(eb.ref("surface"), SURFACES))
    .groupBy(["surface", "variant"])
    .orderBy("surface")
    .orderBy("variant"),
);

/**
 * The funnel per surface and variant over the days the period touches (a period ending now includes today's
 * counters so far), for the dashboard.
 */
export async function funnelBySurface(db: DbOrSql, from: Date, to: Date): Promise<FunnelRow[]> {
  const rows = await SUM_BY_SURFACE.all(sqlOf(db), periodDays(from, to));
  return rows.map((r) => ({ surface: r.surface, variant: r.variant, ...stepCounts(r) }));
}

export type FunnelDay = { day: string; surface: string } & Record<FunnelStep, number>;

const SUM_BY_DAY = prepare((p: { first: string; afterLast: string }) =>
  q
    .selectFrom("AskDailyStat")
    .select((eb) => [
      raw<string>`to_char(day, 'YYYY-MM-DD')`.as("day"),
      "surface",
      ...FUNNEL_STEPS.map((step) => eb.fn.sum<number | string | null>(step).as(step)),
    ])
    .where("day", ">=", asDate(p.first))
    .where("day", "<", asDate(p.afterLast))
    .where((eb) => inList(eb.ref("surface"), SURFACES))
    .groupBy(["day", "surface"])
    .orderBy("surface")
    .orderBy("day", "desc"),
);

/** The daily trend per surface (variants added up) over the days the period touches, newest day first. */
export async function funnelByDay(db: DbOrSql, from: Date, to: Date): Promise<FunnelDay[]> {
  const rows = await SUM_BY_DAY.all(sqlOf(db), periodDays(from, to));
  return rows.map((r) => ({ day: r.day, surface: r.surface, ...stepCounts(r) }));
}
