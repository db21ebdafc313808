import type { Frequency } from "../../generated/prisma/enums";

/** How often a reader gives: once, or a membership billed every month or every year. */
export const FREQUENCIES = ["ONCE", "MONTHLY", "ANNUAL"] as const satisfies readonly Frequency[];
export type { Frequency };

export function isFrequency(value: unknown): value is Frequency {
  return typeof value === "string" && (FREQUENCIES as readonly string[]).includes(value);
}
