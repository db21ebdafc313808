import { describe, expect, it } from "vitest";
import { checkoutSessionParams } from "./session-params";

const ctx = { attemptId: "att_1", appUrl: "https://news.example", publication: "The Ledger" };

describe("checkoutSessionParams", () => {
  it("opens Checkout in the language the reader read the ask in (else Stripe follows the browser)", () => {
    const choice = {
      frequency: "MONTHLY" as const,
      currency: "EUR" as const,
      amount: 1000,
      surface: "article",
      variant: "default" as const,
    };
    expect(checkoutSessionParams({ ...choice, locale: "ru" }, ctx).locale).toBe("ru");
    expect(checkoutSessionParams(choice, ctx).locale).toBe("auto");
  });

  it("makes a one-time gift a donation in payment mode that always creates a customer", () => {
    const params = checkoutSessionParams(
      {
        frequency: "ONCE",
        currency: "USD",
        amount: 2500,
        surface: "support-page",
        variant: "default",
      },
      ctx,
    );
    expect(params).toMatchObject({
      mode: "payment",
      submit_type: "donate",
      customer_creation: "always",
      client_reference_id: "att_1",
      metadata: { checkout_attempt_id: "att_1", frequency: "ONCE", surface: "support-page" },
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 2500 } }],
      success_url: "https://news.example/support/thanks/return?session_id={CHECKOUT_SESSION_ID}",
    });
    expect(params.line_items?.[0]?.price_data).not.toHaveProperty("recurring");
    expect(params.cancel_url).toBe(
      "https://news.example/support?cancelled=1&frequency=ONCE&currency=USD&amount=2500",
    );
  });

  it("sends a reader who cancels an article's or the embed's checkout back with that ask, so the next try counts for it", () => {
    const params = checkoutSessionParams(
      { frequency: "MONTHLY", currency: "EUR", amount: 1000, surface: "article", variant: "renew" },
      ctx,
    );
    expect(params.cancel_url).toBe(
      "https://news.example/support?cancelled=1&frequency=MONTHLY&currency=EUR&amount=1000&surface=article&variant=renew",
    );
  });

  it("brings a reader back to the article on our site they came from, its ask showing their choice", () => {
    const params = checkoutSessionParams(
      {
        frequency: "ANNUAL",
        currency: "USD",
        amount: 10000,
        surface: "article",
        variant: "default",
        returnTo: { kind: "path", path: "/demo/article" },
      },
      ctx,
    );
    expect(params.cancel_url).toBe(
      "https://news.example/demo/article?cancelled=1&frequency=ANNUAL&currency=USD&amount=10000#ask-article",
    );
    expect(params.success_url).toBe(
      "https://news.example/support/thanks/return?session_id={CHECKOUT_SESSION_ID}&to=%2Fdemo%2Farticle",
    );
  });

  it("brings a reader back to a host site's article with the choice in a fragment the embed reads", () => {
    const params = checkoutSessionParams(
      {
        frequency: "MONTHLY",
        currency: "EUR",
        amount: 1500,
        surface: "embed",
        variant: "default",
        returnTo: { kind: "host", url: "https://host.example/story?id=7" },
      },
      ctx,
    );
    expect(params.cancel_url).toBe(
      "https://host.example/story?id=7#rr-ask=cancelled=1&frequency=MONTHLY&currency=EUR&amount=1500",
    );
    expect(params.success_url).toBe(
      "https://news.example/support/thanks/return?session_id={CHECKOUT_SESSION_ID}&to=https%3A%2F%2Fhost.example%2Fstory%3Fid%3D7",
    );
  });

  it.each([
    ["MONTHLY", "month"],
    ["ANNUAL", "year"],
  ] as const)("makes %s a subscription with an inline %s price", (frequency, interval) => {
    const params = checkoutSessionParams(
      { frequency, currency: "GBP", amount: 10000, surface: "support-page", variant: "default" },
      ctx,
    );
    expect(params.mode).toBe("subscription");
    expect(params).not.toHaveProperty("submit_type");
    expect(params.line_items?.[0]?.price_data).toMatchObject({
      currency: "gbp",
      unit_amount: 10000,
      recurring: { interval },
    });
    expect(params.subscription_data?.metadata).toEqual({
      checkout_attempt_id: "att_1",
      frequency,
      surface: "support-page",
    });
  });
});
