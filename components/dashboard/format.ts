import { formatMoney } from "@/lib/ask/amounts";

export const money = formatMoney;
export const day = (d: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(d);
/** A moment to the minute, for a timeline where one day holds several events: "Dec 1, 2026, 10:04 UTC". */
export const moment = (d: Date) =>
  `${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: "UTC" }).format(d)} UTC`;
export const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
export function delta(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "no change" : "new";
  const x = (current - previous) / previous;
  return `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(0)}%`;
}
