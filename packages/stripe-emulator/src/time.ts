/** Unix seconds, the unit of every Stripe timestamp. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

export type Interval = "day" | "week" | "month" | "year";

/**
 * The end of the `cycles`-th billing period counted from `anchor`. Months are counted from the anchor rather than
 * from the previous period end, so a subscription started on 31 January renews 28/29 February, then 31 March, as
 * Stripe's billing-cycle anchor does.
 */
export function periodBoundary(
  anchor: number,
  interval: Interval,
  intervalCount: number,
  cycles: number,
): number {
  const steps = intervalCount * cycles;
  if (interval === "day") return anchor + steps * 86_400;
  if (interval === "week") return anchor + steps * 7 * 86_400;
  const date = new Date(anchor * 1000);
  const months = interval === "year" ? steps * 12 : steps;
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}
