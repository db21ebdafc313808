import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CURRENCIES,
  formatMoney,
  minorUnitDigits,
  stripeMinimum,
  toMajorText,
  toMinor,
  type Currency,
} from "./money";

// Intl separates a symbol from its number with a no-break space (U+00A0) or a narrow one (U+202F).
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("minor units", () => {
  it("has two digits for every recorded currency but the yen, which has none", () => {
    for (const currency of CURRENCIES)
      expect(minorUnitDigits(currency)).toBe(currency === "JPY" ? 0 : 2);
    // Stripe's other zero- and three-decimal currencies, in either case, for amounts recorded from elsewhere.
    expect([minorUnitDigits("krw"), minorUnitDigits("KWD"), minorUnitDigits("brl")]).toEqual([
      0, 3, 2,
    ]);
  });

  it.each<[string, Currency, number | null]>([
    ["12.5", "USD", 1250],
    ["12,50", "EUR", 1250],
    ["1,000.25", "GBP", 100025],
    ["1 000", "SEK", 100000],
    ["0.5", "CHF", 50],
    ["1000", "JPY", 1000],
    ["1,000", "JPY", 1000],
    ["12.5", "JPY", null],
    ["12,5", "JPY", null],
    ["12.345", "CAD", null],
    ["-5", "AUD", null],
    ["1e3", "USD", null],
    ["9999999999", "JPY", null],
    ["", "USD", null],
  ])("reads %j %s as %s", (input, currency, expected) => {
    expect(toMinor(input, currency)).toBe(expected);
  });

  it("writes a plain decimal for a form field or a spreadsheet", () => {
    expect(toMajorText(1250, "USD")).toBe("12.50");
    expect(toMajorText(5, "EUR")).toBe("0.05");
    expect(toMajorText(-150, "GBP")).toBe("-1.50");
    expect(toMajorText(1000, "JPY")).toBe("1000");
  });
});

describe("Stripe's minimums", () => {
  it("follows Stripe's table per currency, in minor units", () => {
    expect(stripeMinimum("USD")).toBe(50);
    expect(stripeMinimum("GBP")).toBe(30);
    expect(stripeMinimum("SEK")).toBe(300);
    expect(stripeMinimum("DKK")).toBe(250);
    // ¥50, not ¥0.50: the minimum is whole yen too.
    expect(stripeMinimum("JPY")).toBe(50);
    expect(formatMoney(stripeMinimum("JPY"), "JPY")).toBe("¥50");
  });
});

describe("formatMoney", () => {
  it("shows yen as whole yen and drops zero cents elsewhere", () => {
    expect(formatMoney(1000, "JPY")).toBe("¥1,000");
    expect(formatMoney(2500, "USD")).toBe("$25");
    expect(formatMoney(2550, "GBP")).toBe("£25.50");
    expect(plain(formatMoney(30000, "SEK"))).toBe("SEK 300");
    expect(plain(formatMoney(1050, "CHF"))).toBe("CHF 10.50");
    expect(formatMoney(2500, "CAD")).toBe("CA$25");
    expect(formatMoney(2500, "AUD")).toBe("A$25");
  });

  it("formats for the reader's language", () => {
    expect(plain(formatMoney(1000, "USD", "ru"))).toBe("10 $");
    expect(plain(formatMoney(100000, "RUB", "ru"))).toBe("1 000 ₽");
    expect(plain(formatMoney(1050, "EUR", "ru"))).toBe("10,50 €");
    expect(plain(formatMoney(1000, "JPY", "ru"))).toBe("1 000 ¥");
  });

  it("formats the exact amount, however large (no float rounding)", () => {
    expect(formatMoney(99_999_999_999, "USD")).toBe("$999,999,999.99");
  });

  it("round-trips: the amount shown, typed back, is the amount recorded, in every currency", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: 0, max: 99_999_999 }),
        (currency, minor) => {
          // What a reader would type from the figure they read: its number without the symbol.
          const shown = formatMoney(minor, currency).replace(/[^\d.,]/g, "");
          expect(toMinor(shown, currency)).toBe(minor);
          expect(toMinor(toMajorText(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });
});
