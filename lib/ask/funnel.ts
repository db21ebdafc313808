import type { PrismaClient } from "../../generated/prisma/client";
import { q, sql as raw } from "../db/query";
import { prepare, type Prepared } from "../db/prepared";
import type { Sql } from "../db/sql";
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

/** The funnel per surface and variant for the days from `from`'s day up to (not including) `to`, for the dashboard. */
export async function funnelBySurface(
  db: PrismaClient,
  from: Date,
  to: Date,
): Promise<FunnelRow[]> {
  const rows = await db.askDailyStat.groupBy({
    by: ["surface", "variant"],
    // Only the ask's own surfaces: rows written before surfaces were checked may hold anything.
    where: { day: { gte: utcDay(from), lt: to }, surface: { in: [...SURFACES] } },
    _sum: {
      impressions: true,
      continues: true,
      checkouts: true,
      completions: true,
      remindLaters: true,
    },
    orderBy: [{ surface: "asc" }, { variant: "asc" }],
  });
  return rows.map((r) => ({
    surface: r.surface,
    variant: r.variant,
    impressions: r._sum.impressions ?? 0,
    continues: r._sum.continues ?? 0,
    checkouts: r._sum.checkouts ?? 0,
    completions: r._sum.completions ?? 0,
    remindLaters: r._sum.remindLaters ?? 0,
  }));
}
