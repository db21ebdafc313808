import { describe, expect, it } from "vitest";
import { describeGift } from "../ask/amounts";
import { describeGiftIn, formatDay } from "./format";

describe("formatting for the reader's language", () => {
  it("describes a gift as the English pages always have", () => {
    expect(describeGiftIn("en", 1000, "EUR", "MONTHLY")).toBe(describeGift(1000, "EUR", "MONTHLY"));
    expect(describeGiftIn("en", 10000, "GBP", "ANNUAL")).toBe(describeGift(10000, "GBP", "ANNUAL"));
    expect(describeGiftIn("en", 2550, "USD", "ONCE")).toBe("$25.50");
  });

  it("describes a gift in Russian with Russian money and period", () => {
    expect(describeGiftIn("ru", 1000, "EUR", "MONTHLY")).toBe("10\u00a0€ в месяц");
    expect(describeGiftIn("ru", 10000, "GBP", "ANNUAL")).toBe("100\u00a0£ в год");
    expect(describeGiftIn("ru", 2550, "USD", "ONCE")).toBe("25,50\u00a0$");
  });

  it("writes a day in the reader's language, in UTC", () => {
    const lateOnTheFirst = new Date("2026-12-01T23:30:00Z");
    expect(formatDay(lateOnTheFirst, "en")).toBe("December 1, 2026");
    expect(formatDay(lateOnTheFirst, "en", "medium")).toBe("Dec 1, 2026");
    expect(formatDay(lateOnTheFirst, "ru")).toMatch(/^1 декабря 2026\s?г\.$/);
  });
});
