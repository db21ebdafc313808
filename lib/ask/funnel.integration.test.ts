import { describe, expect, it } from "vitest";
import { db, getSqlDb } from "../db";
import { setUpTestBackends } from "@/test/db/test-backends";
import { countFunnelStep, funnelByDay, funnelBySurface } from "./funnel";

setUpTestBackends();

const DAY = 86_400_000;

describe("the funnel's period", () => {
  it("includes today's counters when the period ends now, and the first day's from its start", async () => {
    const now = new Date("2026-12-01T15:30:00Z");
    const at = (ms: number) => ({ surface: "article", variant: "default", at: new Date(ms) });
    await countFunnelStep(getSqlDb(), "impressions", at(now.getTime() - 60_000)); // today
    await countFunnelStep(getSqlDb(), "impressions", at(now.getTime() - 30 * DAY)); // the first day
    await countFunnelStep(getSqlDb(), "impressions", at(now.getTime() - 31 * DAY)); // before it
    await countFunnelStep(getSqlDb(), "impressions", at(now.getTime() + DAY)); // tomorrow

    const rows = await funnelBySurface(db, new Date(now.getTime() - 30 * DAY), now);
    expect(rows).toEqual([expect.objectContaining({ surface: "article", impressions: 2 })]);
  });

  it("ends on the day before a period that ends at midnight", async () => {
    const midnight = new Date("2026-11-20T00:00:00Z");
    await countFunnelStep(getSqlDb(), "continues", {
      surface: "embed",
      variant: "default",
      at: new Date(midnight.getTime() - 1000),
    });
    await countFunnelStep(getSqlDb(), "continues", {
      surface: "embed",
      variant: "default",
      at: midnight,
    });
    const rows = await funnelBySurface(db, new Date(midnight.getTime() - DAY), midnight);
    expect(rows).toEqual([expect.objectContaining({ surface: "embed", continues: 1 })]);
  });

  it("gives the daily trend per surface, variants added up, newest day first", async () => {
    const now = new Date("2026-10-10T12:00:00Z");
    const count = (
      step: "impressions" | "completions",
      surface: string,
      variant: string,
      ms: number,
    ) => countFunnelStep(getSqlDb(), step, { surface, variant, at: new Date(ms) });
    await count("impressions", "article", "default", now.getTime());
    await count("impressions", "article", "renew", now.getTime());
    await count("completions", "article", "default", now.getTime());
    await count("impressions", "article", "default", now.getTime() - DAY);
    await count("impressions", "embed", "default", now.getTime() - DAY);
    await count("impressions", "article", "default", now.getTime() - 5 * DAY); // before the period

    const days = await funnelByDay(db, new Date(now.getTime() - 2 * DAY), now);
    expect(days.map((d) => [d.surface, d.day, d.impressions, d.completions])).toEqual([
      ["article", "2026-10-10", 2, 1],
      ["article", "2026-10-09", 1, 0],
      ["embed", "2026-10-09", 1, 0],
    ]);
  });
});
