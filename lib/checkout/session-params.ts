import type Stripe from "stripe";
import { FREQUENCY_LABELS, type Frequency } from "../ask/amounts";
import { returnToValue, returnUrl } from "../http/return-to";
import type { CheckoutChoice } from "./checkout-request";

type Context = { attemptId: string; appUrl: string; publication: string };

const INTERVAL: Record<Exclude<Frequency, "ONCE">, "month" | "year"> = {
  MONTHLY: "month",
  ANNUAL: "year",
};

/** What the reader had chosen, as the ask reads it back (query parameters, or the embed's fragment). */
function choiceParams(choice: CheckoutChoice): Record<string, string> {
  return {
    cancelled: "1",
    frequency: choice.frequency,
    currency: choice.currency,
    amount: String(choice.amount),
  };
}

/**
 * Where a reader lands after cancelling on Checkout: the article they came from, its ask showing their choice
 * (on a host site, in a fragment the embed reads, so the host's own URL is left alone); without one, /support.
 */
export function cancelUrl(appUrl: string, choice: CheckoutChoice): string {
  const params = choiceParams(choice);
  if (choice.returnTo?.kind === "host")
    return returnUrl(
      choice.returnTo,
      appUrl,
      {},
      `rr-ask=${new URLSearchParams(params)}`,
    ).toString();
  if (choice.returnTo && choice.returnTo.path !== "/support")
    return returnUrl(choice.returnTo, appUrl, params, `ask-${choice.surface}`).toString();
  const url = new URL("/support", appUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  // Back from an article's or the embed's ask, the reader's next try still counts for that ask.
  if (choice.surface !== "support-page") {
    url.searchParams.set("surface", choice.surface);
    url.searchParams.set("variant", choice.variant);
  }
  return url.toString();
}

/**
 * Where Checkout sends a reader who paid: a route that recognises this browser as the supporter's (without
 * JavaScript too) and then shows the thank-you page, which links back to the article (`to`).
 */
export function successUrl(appUrl: string, choice: CheckoutChoice): string {
  const to = choice.returnTo ? `&to=${encodeURIComponent(returnToValue(choice.returnTo))}` : "";
  return `${new URL("/support/thanks/return", appUrl).toString()}?session_id={CHECKOUT_SESSION_ID}${to}`;
}

/** The Checkout Session for a reader's choice (pure: unit-tested, and the emulator gets exactly this). */
export function checkoutSessionParams(
  choice: CheckoutChoice,
  ctx: Context,
): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    checkout_attempt_id: ctx.attemptId,
    frequency: choice.frequency,
    surface: choice.surface,
  };
  const currency = choice.currency.toLowerCase();
  const common = {
    client_reference_id: ctx.attemptId,
    metadata,
    success_url: successUrl(ctx.appUrl, choice),
    cancel_url: cancelUrl(ctx.appUrl, choice),
    // In the ask's language; "auto" lets Stripe follow the browser, as before.
    locale: choice.locale ?? "auto",
  } satisfies Stripe.Checkout.SessionCreateParams;

  if (choice.frequency === "ONCE") {
    return {
      ...common,
      mode: "payment",
      submit_type: "donate",
      customer_creation: "always",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency,
            unit_amount: choice.amount,
            product_data: { name: `One-time gift to ${ctx.publication}` },
          },
        },
      ],
      payment_intent_data: { metadata, description: `One-time gift to ${ctx.publication}` },
    };
  }

  return {
    ...common,
    mode: "subscription",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency,
          unit_amount: choice.amount,
          recurring: { interval: INTERVAL[choice.frequency] },
          product_data: {
            name: `${FREQUENCY_LABELS[choice.frequency]} support for ${ctx.publication}`,
          },
        },
      },
    ],
    subscription_data: { metadata },
  };
}
