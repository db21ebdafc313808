import { describe, expect, it } from "vitest";
import {
  AMOUNTS,
  amountNotReadMessage,
  CURRENCIES,
  FREQUENCIES,
  checkAmount,
  describeGift,
  formatMoney,
  lowestAmount,
  parseMajorAmount,
  rangeLine,
} from "./amounts";
import { stripeMinimum } from "../rules/money";

describe("parseMajorAmount", () => {
  it.each([
    ["25", 2500],
    ["25.5", 2550],
    ["25.50", 2550],
    ["25,50", 2550],
    [" 1,000 ", 100000],
    ["1,000.25", 100025],
    ["0.99", 99],
  ])("reads %j dollars as %i cents", (input, expected) => {
    expect(parseMajorAmount(input, "USD")).toBe(expected);
  });

  it.each(["", "abc", "-5", "1e3", "12.345", "1,00,0", "Infinity", "NaN", "12..5", "9999999999"])(
    "rejects %j",
    (input) => {
      expect(parseMajorAmount(input, "USD")).toBeNull();
    },
  );

  it("reads yen as whole yen and refuses a fraction of one, saying so", () => {
    expect(parseMajorAmount("1000", "JPY")).toBe(1000);
    expect(amountNotReadMessage("JPY")).toMatch(/whole numbers, for example 1500/);
    expect(amountNotReadMessage("USD")).toMatch(/for example 15 or 15.50/);
    expect(parseMajorAmount("1,000", "JPY")).toBe(1000);
    expect(parseMajorAmount("12.5", "JPY")).toBeNull();
  });
});

describe("amount rules", () => {
  it("defines presets inside the limits for every currency and frequency", () => {
    for (const currency of CURRENCIES) {
      for (const frequency of FREQUENCIES) {
        const rules = AMOUNTS[currency][frequency];
        expect(rules.presets).toContain(rules.defaultAmount);
        for (const preset of rules.presets)
          expect(checkAmount(preset, currency, frequency, rules)).toBeNull();
      }
    }
  });

  it("explains the limits in words a reader can act on", () => {
    expect(checkAmount(100, "USD", "ONCE", AMOUNTS.USD.ONCE)).toBe(
      "A one-time gift must be at least $2.",
    );
    expect(checkAmount(200_000, "EUR", "MONTHLY", AMOUNTS.EUR.MONTHLY)).toBe(
      "A monthly gift can be at most €1,000. For larger gifts, please contact us.",
    );
    expect(checkAmount(500, "GBP", "ANNUAL", AMOUNTS.GBP.ANNUAL)).toBe(
      "An annual gift must be at least £10.",
    );
    expect(checkAmount(50, "JPY", "ONCE", AMOUNTS.JPY.ONCE)).toBe(
      "A one-time gift must be at least ¥100.",
    );
    expect(checkAmount(1000, "JPY", "ONCE", AMOUNTS.JPY.ONCE)).toBeNull();
  });

  it("never goes below Stripe's minimum charge, whatever minimum the ask was given", () => {
    // Stripe charges at least 3.00 kr and ¥50: an ask limit of 1 öre or ¥1 still asks for that.
    expect(lowestAmount(1, "SEK")).toBe(300);
    expect(lowestAmount(1, "JPY")).toBe(50);
    expect(lowestAmount(200, "USD")).toBe(200);
    for (const currency of CURRENCIES)
      for (const frequency of FREQUENCIES)
        expect(AMOUNTS[currency][frequency].min).toBeGreaterThanOrEqual(stripeMinimum(currency));
  });

  it("records the currencies a newsroom may offer beyond USD, EUR and GBP", () => {
    expect(CURRENCIES).toEqual(
      expect.arrayContaining(["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "JPY"]),
    );
  });
});

describe("formatting", () => {
  it("drops zero pence and keeps real ones", () => {
    expect(formatMoney(2500, "USD")).toBe("$25");
    expect(formatMoney(2550, "GBP")).toBe("£25.50");
    expect(describeGift(1000, "EUR", "MONTHLY")).toBe("€10 per month");
    expect(describeGift(10000, "GBP", "ANNUAL")).toBe("£100 per year");
    expect(describeGift(1000, "JPY", "MONTHLY")).toBe("¥1,000 per month");
    expect(rangeLine(AMOUNTS.SEK.ONCE, "SEK", "ONCE")).toBe(
      "One-time gifts: SEK\u00a020 to SEK\u00a0100,000.",
    );
  });
});
