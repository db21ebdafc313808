import { q, sql as raw } from "../db/query";
import { prepare, type Prepared } from "../db/prepared";
import type { Sql } from "../db/sql";
import type { Db } from "../db";
import { sqlOf } from "../db/executor";
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

function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

// One statement per step (the step is a column); built once each.
const COUNT = Object.fromEntries(
  FUNNEL_STEPS.map((step) => [
    step,
    prepare((p: { day: string; surface: string; variant: string }) =>
      q
        .insertInto("AskDailyStat")
        .values({
          day: raw<Date>`CAST(${p.day} AS date)`,
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
  const day = utcDay(key.at).toISOString().slice(0, 10);
  await count.exec(sql, { day, surface: key.surface, variant: key.variant });
}

export type FunnelRow = { surface: string; variant: string } & Record<FunnelStep, number>;

const isoDay = (at: Date) => utcDay(at).toISOString().slice(0, 10);

/**
 * The days a period [from, to) touches, as the counters' day column holds them: from `from`'s day through the
 * day of its last instant (today, for a period ending now), as dates [first, afterLast).
 */
export function periodDays(from: Date, to: Date): { first: string; afterLast: string } {
  const last = utcDay(new Date(to.getTime() - 1));
  return { first: isoDay(from), afterLast: isoDay(new Date(last.getTime() + 86_400_000)) };
}

const SUM_BY_SURFACE = prepare((p: { first: string; afterLast: string }) =>
  q
    .selectFrom("AskDailyStat")
    .select((eb) => [
      "surface",
      "variant",
      ...FUNNEL_STEPS.map((step) => eb.fn.sum<number | string | null>(step).as(step)),
    ])
    .where("day", ">=", raw<Date>`CAST(${p.first} AS date)`)
    .where("day", "<", raw<Date>`CAST(${p.afterLast} AS date)`)
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
export async function funnelBySurface(db: Db | Sql, from: Date, to: Date): Promise<FunnelRow[]> {
  const rows = await SUM_BY_SURFACE.all(sqlOf(db), periodDays(from, to));
  return rows.map((r) => ({
    surface: r.surface,
    variant: r.variant,
    ...(Object.fromEntries(FUNNEL_STEPS.map((step) => [step, Number(r[step] ?? 0)])) as Record<
      FunnelStep,
      number
    >),
  }));
}
