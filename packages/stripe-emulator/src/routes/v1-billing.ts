import type Stripe from "stripe";
import { invalidParam, missingParam } from "../errors";
import {
  cancelSubscription,
  getSubscription,
  updateSubscription,
  type SubscriptionChanges,
} from "../flows/subscriptions";
import { buildPortalSession } from "../objects/portal-session";
import type { Params } from "../params";
import type { Router } from "../router";
import { must } from "../store";
import { retrieveOnly, retrieveStored, type ApiContext, type ApiHandler } from "./types";

/** Every parameter of Stripe's subscription update (2026-10-28.endive). */
const SUBSCRIPTION_UPDATE = [
  "add_invoice_items",
  "application_fee_percent",
  "automatic_tax",
  "billing_cycle_anchor",
  "billing_schedules",
  "billing_thresholds",
  "cancel_at",
  "cancel_at_period_end",
  "cancellation_details",
  "collection_method",
  "days_until_due",
  "default_payment_method",
  "default_source",
  "default_tax_rates",
  "description",
  "discounts",
  "invoice_settings",
  "items",
  "metadata",
  "off_session",
  "on_behalf_of",
  "pause_collection",
  "payment_behavior",
  "payment_settings",
  "pending_invoice_item_interval",
  "proration_behavior",
  "proration_date",
  "transfer_data",
  "trial_end",
  "trial_from_plan",
  "trial_settings",
];

/** `items[0][id]` + `items[0][price_data][unit_amount]`: a new amount for an item (same currency and interval). */
function priceChange(sub: Stripe.Subscription, params: Params): SubscriptionChanges["price"] {
  const items = params.list("items");
  if (items.length === 0) return undefined;
  if (items.length > 1)
    throw invalidParam("The Stripe emulator changes one subscription item at a time.", "items");
  const item = (items[0] as Params).stripeOnly(
    [
      "billing_thresholds",
      "clear_usage",
      "current_trial",
      "deleted",
      "discounts",
      "id",
      "metadata",
      "plan",
      "price",
      "price_data",
      "quantity",
      "tax_rates",
    ],
    ["id", "price_data", "quantity"],
  );
  const itemId = item.str("id", { required: true })!;
  const current = sub.items.data.find((i) => i.id === itemId);
  if (!current)
    throw invalidParam(
      `No such subscription item: '${itemId}'`,
      item.path("id"),
      "resource_missing",
    );
  if (
    item.int("quantity", { min: 1 }) !== undefined &&
    item.int("quantity") !== (current.quantity ?? 1)
  ) {
    throw invalidParam("The Stripe emulator does not change quantities.", item.path("quantity"));
  }
  const data = item
    .child("price_data", { required: true })!
    .stripeOnly(
      ["currency", "product", "recurring", "tax_behavior", "unit_amount", "unit_amount_decimal"],
      ["currency", "unit_amount", "product", "recurring"],
    );
  const currency = data.str("currency")?.toLowerCase();
  const interval = data.child("recurring")?.str("interval");
  if (
    (currency && currency !== current.price.currency) ||
    (interval && interval !== current.price.recurring?.interval)
  ) {
    throw invalidParam(
      "The Stripe emulator only changes an item's amount, not its currency or interval.",
      data.path("currency"),
    );
  }
  return { itemId, unitAmount: data.int("unit_amount", { required: true, min: 0 })! };
}

const retrieveSubscription: ApiHandler = ({ emu, path }) => getSubscription(emu, path.id ?? "");

function update({ emu, path, params }: ApiContext): Stripe.Subscription {
  const sub = getSubscription(emu, path.id ?? "");
  params.stripeOnly(SUBSCRIPTION_UPDATE, [
    "cancel_at_period_end",
    "metadata",
    "description",
    "items",
    "proration_behavior",
  ]);
  params.oneOf("proration_behavior", ["always_invoice", "create_prorations", "none"]); // accepted; no prorations here
  return updateSubscription(emu, sub, {
    cancelAtPeriodEnd: params.bool("cancel_at_period_end"),
    metadata: params.metadata(),
    description: params.has("description")
      ? (params.str("description", { max: 500 }) ?? null)
      : undefined,
    price: priceChange(sub, params),
  });
}

function cancel({ emu, path, params }: ApiContext): Stripe.Subscription {
  const sub = getSubscription(emu, path.id ?? "");
  params.allowOnly(["invoice_now", "prorate", "cancellation_details"]); // all of Stripe's
  const details = params.child("cancellation_details")?.allowOnly(["comment", "feedback"]);
  if (details) {
    sub.cancellation_details = {
      comment: details.str("comment", { max: 5000 }) ?? null,
      feedback:
        details.oneOf("feedback", [
          "customer_service",
          "low_quality",
          "missing_features",
          "other",
          "switched_service",
          "too_complex",
          "too_expensive",
          "unused",
        ]) ?? null,
      feedback_option: null,
      reason: null,
    };
  }
  return cancelSubscription(emu, sub);
}

function createPortalSession({ emu, params }: ApiContext): Stripe.BillingPortal.Session {
  params.stripeOnly(
    [
      "after_expiration",
      "configuration",
      "customer",
      "customer_account",
      "flow_data",
      "locale",
      "on_behalf_of",
      "return_url",
    ],
    ["customer", "return_url", "configuration", "locale", "on_behalf_of"],
  );
  const customer = params.str("customer");
  if (!customer) throw missingParam("customer");
  must(emu.store.customers, customer, "customer", "customer");
  const returnUrl = params.str("return_url", { max: 5000 }) ?? null;
  if (returnUrl && !/^https?:\/\//.test(returnUrl))
    throw invalidParam("Not a valid URL", "return_url", "url_invalid");
  const session = buildPortalSession({ customer, returnUrl, baseUrl: emu.baseUrl });
  emu.store.portalSessions.set(session.id, session);
  return session;
}

export function billingRoutes(router: Router<ApiHandler>): void {
  router
    .on("GET", "/v1/subscriptions/:id", retrieveOnly(retrieveSubscription))
    .on("POST", "/v1/subscriptions/:id", update)
    .on("DELETE", "/v1/subscriptions/:id", cancel)
    .on(
      "GET",
      "/v1/customers/:id",
      retrieveStored((store) => store.customers, "customer"),
    )
    .on(
      "GET",
      "/v1/invoices/:id",
      retrieveStored((store) => store.invoices, "invoice"),
    )
    .on("POST", "/v1/billing_portal/sessions", createPortalSession);
}
