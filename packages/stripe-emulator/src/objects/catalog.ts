import type Stripe from "stripe";
import { newId } from "../ids";
import { now, type Interval } from "../time";
import { decimal, sample } from "./sample";

/** Products and prices made on the fly from `price_data`, as Stripe does for Checkout line items. */
export function buildProduct(name: string): Stripe.Product {
  return {
    ...sample<Stripe.Product>("product"),
    id: newId("prod_"),
    created: now(),
    updated: now(),
    name,
    description: null,
    default_price: null,
    images: [],
    marketing_features: [],
    metadata: {},
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    unit_label: null,
    url: null,
    type: "service",
  };
}

export interface Recurring {
  interval: Interval;
  interval_count: number;
}

export function buildPrice(input: {
  product: string;
  currency: string;
  unitAmount: number;
  recurring: Recurring | null;
}): Stripe.Price {
  return {
    ...sample<Stripe.Price>("price"),
    id: newId("price_"),
    created: now(),
    active: false, // prices created from price_data are inactive and cannot be reused, as in Stripe
    currency: input.currency,
    custom_unit_amount: null,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: input.product,
    recurring: input.recurring
      ? { ...input.recurring, meter: null, usage_type: "licensed", trial_period_days: null }
      : null,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? "recurring" : "one_time",
    unit_amount: input.unitAmount,
    unit_amount_decimal: decimal(input.unitAmount),
  };
}

/** Subscription items still carry the legacy `plan` mirror of their price. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  const recurring = price.recurring ?? { interval: "month", interval_count: 1 };
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}
