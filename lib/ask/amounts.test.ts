import { describe, expect, it } from "vitest";
import {
  AMOUNTS,
  CURRENCIES,
  FREQUENCIES,
  checkAmount,
  describeGift,
  formatMoney,
  parseMajorAmount,
} from "./amounts";

describe("parseMajorAmount", () => {
  it.each([
    ["25", 2500],
    ["25.5", 2550],
    ["25.50", 2550],
    ["25,50", 2550],
    [" 1,000 ", 100000],
    ["1,000.25", 100025],
    ["0.99", 99],
  ])("reads %j as %i minor units", (input, expected) => {
    expect(parseMajorAmount(input)).toBe(expected);
  });

  it.each(["", "abc", "-5", "1e3", "12.345", "1,00,0", "Infinity", "NaN", "12..5", "9999999999"])(
    "rejects %j",
    (input) => {
      expect(parseMajorAmount(input)).toBeNull();
    },
  );
});

describe("amount rules", () => {
  it("defines presets inside the limits for every currency and frequency", () => {
    for (const currency of CURRENCIES) {
      for (const frequency of FREQUENCIES) {
        const rules = AMOUNTS[currency][frequency];
        expect(rules.presets).toContain(rules.defaultAmount);
        for (const preset of rules.presets)
          expect(checkAmount(preset, currency, frequency)).toBeNull();
      }
    }
  });

  it("explains the limits in words a reader can act on", () => {
    expect(checkAmount(100, "USD", "ONCE")).toBe("A one-time gift must be at least $2.");
    expect(checkAmount(200_000, "EUR", "MONTHLY")).toBe(
      "A monthly gift can be at most €1,000. For larger gifts, please contact us.",
    );
    expect(checkAmount(500, "GBP", "ANNUAL")).toBe("An annual gift must be at least £10.");
  });
});

describe("formatting", () => {
  it("drops zero pence and keeps real ones", () => {
    expect(formatMoney(2500, "USD")).toBe("$25");
    expect(formatMoney(2550, "GBP")).toBe("£25.50");
    expect(describeGift(1000, "EUR", "MONTHLY")).toBe("€10 per month");
    expect(describeGift(10000, "GBP", "ANNUAL")).toBe("£100 per year");
  });
});
