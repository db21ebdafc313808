import { z } from "zod";
import type { Period } from "./metrics";

export const PRESETS = {
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "365d": "Last 12 months",
} as const;
export type Preset = keyof typeof PRESETS;

const input = z.object({
  period: z.enum(["30d", "90d", "365d"]).catch("30d"),
});

/** A rolling window ending now (to the second), so "last 30 days" compares with the 30 days before it. */
export function resolvePeriod(
  params: Record<string, string | string[] | undefined>,
  now = new Date(),
): { preset: Preset; period: Period } {
  const { period: preset } = input.parse({
    period: typeof params.period === "string" ? params.period : undefined,
  });
  const days = Number(preset.replace("d", ""));
  return { preset, period: { start: new Date(now.getTime() - days * 86_400_000), end: now } };
}
