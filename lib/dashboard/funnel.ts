import { funnelByDay, funnelBySurface, type FunnelDay, type FunnelRow } from "../ask/funnel";
import type { Db } from "../db";

export type { FunnelDay, FunnelRow };

/**
 * The ask's daily counters over [start, end): summed per surface and variant, and day by day per surface (the
 * trend), and whether any were ever collected.
 */
export async function funnel(
  db: Db,
  start: Date,
  end: Date,
): Promise<{ collected: boolean; rows: FunnelRow[]; days: Map<string, FunnelDay[]> }> {
  const [any, rows, daily] = await Promise.all([
    db.askDailyStat.findFirst({ select: { day: true } }),
    funnelBySurface(db, start, end),
    funnelByDay(db, start, end),
  ]);
  const days = new Map<string, FunnelDay[]>();
  for (const row of daily) days.set(row.surface, [...(days.get(row.surface) ?? []), row]);
  return { collected: any !== null, rows, days };
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
