import { describe, expect, it } from "vitest";
import { parseCheckoutChoice } from "./checkout-request";
import { defaultAskSettings } from "../ask/settings";

const ASK = defaultAskSettings();

describe("parseCheckoutChoice", () => {
  it("accepts a preset in minor units", () => {
    expect(
      parseCheckoutChoice({ frequency: "ONCE", currency: "USD", amount: "2500" }, ASK),
    ).toEqual({
      ok: true,
      choice: {
        frequency: "ONCE",
        currency: "USD",
        amount: 2500,
        surface: "support-page",
        variant: "default",
      },
    });
  });

  it("lets the picked radio decide between a preset and a typed amount", () => {
    const base = { frequency: "MONTHLY", currency: "EUR", otherAmount: "12,50" };
    expect(parseCheckoutChoice({ ...base, amount: "other" }, ASK)).toMatchObject({
      ok: true,
      choice: { amount: 1250, currency: "EUR" },
    });
    expect(parseCheckoutChoice({ ...base, amount: "1000" }, ASK)).toMatchObject({
      ok: true,
      choice: { amount: 1000 },
    });
    expect(parseCheckoutChoice(base, ASK)).toMatchObject({ ok: true, choice: { amount: 1250 } });
  });

  it("reads a no-JavaScript form's amount from the group of the chosen frequency and currency", () => {
    const form = {
      frequency: "ANNUAL",
      currency: "GBP",
      "amount.MONTHLY.USD": "1000",
      "amount.ANNUAL.GBP": "25000",
      "amount.ONCE.GBP": "2500",
    };
    expect(parseCheckoutChoice(form, ASK)).toMatchObject({
      ok: true,
      choice: { frequency: "ANNUAL", currency: "GBP", amount: 25000 },
    });
    expect(
      parseCheckoutChoice({ ...form, "amount.ANNUAL.GBP": "other", otherAmount: "80" }, ASK),
    ).toMatchObject({
      ok: true,
      choice: { amount: 8000 },
    });
  });

  it("accepts any amount within the limits, not only presets", () => {
    expect(
      parseCheckoutChoice({ frequency: "ANNUAL", currency: "GBP", amount: "7300" }, ASK),
    ).toMatchObject({ ok: true });
  });

  it.each([
    [
      { frequency: "WEEKLY", currency: "USD", amount: "2500" },
      "frequency",
      /once, monthly or annual/,
    ],
    [{ frequency: "ONCE", currency: "JPY", amount: "2500" }, "currency", /USD, EUR or GBP/],
    [{ frequency: "ONCE", currency: "USD" }, "amount", /Choose an amount/],
    [{ frequency: "ONCE", currency: "USD", amount: "other" }, "amount", /Enter the amount/],
    [
      { frequency: "ONCE", currency: "USD", amount: "other", otherAmount: "ten" },
      "amount",
      /in numbers/,
    ],
    [
      { frequency: "ONCE", currency: "USD", amount: "other", otherAmount: "1" },
      "amount",
      /at least \$2/,
    ],
    [{ frequency: "MONTHLY", currency: "USD", amount: "99999999" }, "amount", /at most \$1,000/],
    [{ frequency: "ONCE", currency: "USD", amount: "25.00" }, "amount", /in numbers/],
    [
      { frequency: "ONCE", currency: "USD", amount: "2500", surface: "<script>" },
      "amount",
      /Unknown surface/,
    ],
  ])("rejects %j with a message on %s", (input, field, message) => {
    const result = parseCheckoutChoice(input, ASK);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as "amount"]).toMatch(message);
  });

  it("rejects input that is not an object", () => {
    expect(parseCheckoutChoice("frequency=ONCE", ASK).ok).toBe(false);
    expect(parseCheckoutChoice(null, ASK).ok).toBe(false);
  });
});
