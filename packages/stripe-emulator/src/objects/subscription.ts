import type Stripe from "stripe";
import { newId } from "../ids";
import { now } from "../time";
import { planOf } from "./catalog";
import { sample } from "./sample";

export interface ItemInput {
  price: Stripe.Price;
  quantity: number;
}

/** In this API version the billing period lives on each item (`items.data[i].current_period_*`). */
export function buildSubscriptionItem(
  subscription: string,
  input: ItemInput,
  period: { start: number; end: number },
): Stripe.SubscriptionItem {
  return {
    id: newId("si_"),
    object: "subscription_item",
    billing_thresholds: null,
    created: now(),
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(input.price),
    price: input.price,
    quantity: input.quantity,
    subscription,
    tax_rates: [],
  };
}

export function buildSubscription(input: {
  customer: string;
  items: ItemInput[];
  metadata: Record<string, string>;
  description: string | null;
  status: Stripe.Subscription.Status;
  period: { start: number; end: number };
  paymentMethod: string | null;
  /** A trial: the subscription starts `trialing` and its billing-cycle anchor is the trial's end. */
  trial?: { start: number; end: number } | null;
}): Stripe.Subscription {
  const id = newId("sub_");
  const created = now();
  return {
    ...sample<Stripe.Subscription>("subscription"),
    id,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: input.trial?.end ?? input.period.start,
    billing_cycle_anchor_config: null,
    billing_mode: {
      type: "flexible",
      flexible: { proration_discounts: "included" },
      updated_at: created,
    },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    created,
    currency: input.items[0]?.price.currency ?? "usd",
    customer: input.customer,
    default_payment_method: input.paymentMethod,
    default_tax_rates: [],
    description: input.description,
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: {
      object: "list",
      data: input.items.map((item) => buildSubscriptionItem(id, item, input.period)),
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: null,
    managed_payments: null,
    metadata: { ...input.metadata },
    next_pending_invoice_item_invoice: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: "off",
    },
    pending_invoice_item_interval: null,
    pending_update: null,
    start_date: created,
    status: input.status,
    transfer_data: null,
    trial_end: input.trial?.end ?? null,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" },
    },
    trial_start: input.trial?.start ?? null,
  };
}

/** The amount one period of the subscription costs. */
export function periodAmount(subscription: Stripe.Subscription): number {
  return subscription.items.data.reduce(
    (sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1),
    0,
  );
}
