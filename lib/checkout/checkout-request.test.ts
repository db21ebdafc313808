import { describe, expect, it } from "vitest";
import { parseCheckoutChoice } from "./checkout-request";

describe("parseCheckoutChoice", () => {
  it("accepts a preset in minor units", () => {
    expect(parseCheckoutChoice({ frequency: "ONCE", currency: "USD", amount: "2500" })).toEqual({
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

  it("lets a typed amount win over a preset, as a form without JavaScript may send both", () => {
    const result = parseCheckoutChoice({
      frequency: "MONTHLY",
      currency: "EUR",
      amount: "1000",
      otherAmount: "12,50",
    });
    expect(result).toMatchObject({ ok: true, choice: { amount: 1250, currency: "EUR" } });
  });

  it("accepts any amount within the limits, not only presets", () => {
    expect(
      parseCheckoutChoice({ frequency: "ANNUAL", currency: "GBP", amount: "7300" }),
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
    const result = parseCheckoutChoice(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as "amount"]).toMatch(message);
  });

  it("rejects input that is not an object", () => {
    expect(parseCheckoutChoice("frequency=ONCE").ok).toBe(false);
    expect(parseCheckoutChoice(null).ok).toBe(false);
  });
});
