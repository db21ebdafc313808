import type { Db } from "../db";

export type FunnelRow = { surface: string; variant: string; impressions: number; continues: number; checkouts: number; completions: number; deferrals: number };

/** The ask's daily counters summed per surface and variant over [start, end) (days, UTC). */
export async function funnel(db: Db, start: Date, end: Date): Promise<{ collected: boolean; rows: FunnelRow[] }> {
  const [any, groups] = await Promise.all([
    db.askDailyStat.findFirst({ select: { day: true } }),
    db.askDailyStat.groupBy({
      by: ["surface", "variant"],
      where: { day: { gte: start, lt: end } },
      _sum: { impressions: true, continues: true, checkouts: true, completions: true, deferrals: true },
      orderBy: [{ surface: "asc" }, { variant: "asc" }],
    }),
  ]);
  return {
    collected: any !== null,
    rows: groups.map((g) => ({
      surface: g.surface,
      variant: g.variant,
      impressions: g._sum.impressions ?? 0,
      continues: g._sum.continues ?? 0,
      checkouts: g._sum.checkouts ?? 0,
      completions: g._sum.completions ?? 0,
      deferrals: g._sum.deferrals ?? 0,
    })),
  };
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
