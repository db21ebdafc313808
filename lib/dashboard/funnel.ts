import { funnelBySurface, type FunnelRow } from "../ask/funnel";
import type { Db } from "../db";

export type { FunnelRow };

/** The ask's daily counters summed per surface and variant over [start, end), and whether any were collected. */
export async function funnel(
  db: Db,
  start: Date,
  end: Date,
): Promise<{ collected: boolean; rows: FunnelRow[] }> {
  const [any, rows] = await Promise.all([
    db.askDailyStat.findFirst({ select: { day: true } }),
    funnelBySurface(db, start, end),
  ]);
  return { collected: any !== null, rows };
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
