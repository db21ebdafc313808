import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { donationParams, startHarness, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

/** A one-time gift in a currency: amounts are in its smallest unit, as Stripe takes them (yen for JPY). */
function giftIn(currency: string, amount: number): Stripe.Checkout.SessionCreateParams {
  const params = donationParams(amount);
  return {
    ...params,
    line_items: [
      {
        quantity: 1,
        price_data: { currency, unit_amount: amount, product_data: { name: "One-time gift" } },
      },
    ],
  };
}

const objectOf = <T>(type: string): T =>
  h.receiver.events.find((e) => e.type === type)?.data.object as T;

describe("currencies with other minor units and minimums", () => {
  it("takes a JPY amount as whole yen: 1000 is ¥1,000, charged and shown so", async () => {
    const session = await h.stripe.checkout.sessions.create(giftIn("jpy", 1000));
    expect(session).toMatchObject({ amount_total: 1000, currency: "jpy" });
    const page = await (await fetch(session.url ?? "")).text();
    expect(page).toContain("¥1,000");
    expect(page).not.toContain("¥10.00");
    await h.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
      email: "yen@example.com",
    });
    await h.flush();
    expect(objectOf<Stripe.Charge>("charge.succeeded")).toMatchObject({
      amount: 1000,
      currency: "jpy",
    });
  });

  it.each([
    ["jpy", 49, 50],
    ["sek", 299, 300],
    ["gbp", 29, 30],
    ["dkk", 249, 250],
  ])(
    "refuses a %s session below Stripe's minimum (%i) with amount_too_small, and takes the minimum (%i)",
    async (currency, below, minimum) => {
      const error = await h.stripe.checkout.sessions
        .create(giftIn(currency, below))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, code: "amount_too_small" });
      expect((error as Error).message).toMatch(/must add up to at least/);
      const session = await h.stripe.checkout.sessions.create(giftIn(currency, minimum));
      expect(session.amount_total).toBe(minimum);
    },
  );
});
