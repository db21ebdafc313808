import type { PrismaClient } from "../../generated/prisma/client";
import type { Tx } from "../db";

export const FUNNEL_STEPS = ["impressions", "continues", "checkouts", "completions", "deferrals"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export type FunnelKey = { surface: string; variant: string; at: Date };

function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Adds one to a counter of the day's row for that surface and variant (one upsert, never a row per event). */
export async function countFunnelStep(db: PrismaClient | Tx, step: FunnelStep, key: FunnelKey): Promise<void> {
  const day = utcDay(key.at);
  await db.askDailyStat.upsert({
    where: { day_surface_variant: { day, surface: key.surface, variant: key.variant } },
    create: { day, surface: key.surface, variant: key.variant, [step]: 1 },
    update: { [step]: { increment: 1 } },
  });
}

export type FunnelRow = { surface: string; variant: string } & Record<FunnelStep, number>;

/** The funnel per surface and variant for the days from `from`'s day up to (not including) `to`, for the dashboard. */
export async function funnelBySurface(db: PrismaClient, from: Date, to: Date): Promise<FunnelRow[]> {
  const rows = await db.askDailyStat.groupBy({
    by: ["surface", "variant"],
    where: { day: { gte: utcDay(from), lt: to } },
    _sum: { impressions: true, continues: true, checkouts: true, completions: true, deferrals: true },
    orderBy: [{ surface: "asc" }, { variant: "asc" }],
  });
  return rows.map((r) => ({
    surface: r.surface,
    variant: r.variant,
    impressions: r._sum.impressions ?? 0,
    continues: r._sum.continues ?? 0,
    checkouts: r._sum.checkouts ?? 0,
    completions: r._sum.completions ?? 0,
    deferrals: r._sum.deferrals ?? 0,
  }));
}
