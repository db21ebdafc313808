import type Stripe from "stripe";
import { FREQUENCY_LABELS, type Frequency } from "../ask/amounts";
import type { CheckoutChoice } from "./checkout-request";

type Context = { attemptId: string; appUrl: string; publication: string };

const INTERVAL: Record<Exclude<Frequency, "ONCE">, "month" | "year"> = {
  MONTHLY: "month",
  ANNUAL: "year",
};

/** Where a reader lands after cancelling on Checkout: the ask again, with their choice kept. */
export function cancelUrl(appUrl: string, choice: CheckoutChoice): string {
  const url = new URL("/support", appUrl);
  url.searchParams.set("cancelled", "1");
  url.searchParams.set("frequency", choice.frequency);
  url.searchParams.set("currency", choice.currency);
  url.searchParams.set("amount", String(choice.amount));
  // Back from an article's or the embed's ask, the reader's next try still counts for that ask.
  if (choice.surface !== "support-page") {
    url.searchParams.set("surface", choice.surface);
    url.searchParams.set("variant", choice.variant);
  }
  return url.toString();
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
    success_url: `${new URL("/support/thanks", ctx.appUrl).toString()}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: cancelUrl(ctx.appUrl, choice),
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
