import type Stripe from "stripe";
import { invalidParam, resourceMissing } from "../errors";
import { expireSession, getSession } from "../flows/checkout";
import { buildSession } from "../objects/checkout-session";
import type { Params } from "../params";
import type { Router } from "../router";
import type { SessionExtras } from "../store";
import { now } from "../time";
import { checkedCurrency, lineItemsFor } from "./line-items";
import { paginate } from "./pagination";
import { retrieveOnly, type ApiContext, type ApiHandler } from "./types";

function url(params: Params, key: string): string | null {
  const value = params.str(key, { max: 5000 });
  if (value === undefined) return null;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return value;
  } catch {
    // reported below
  }
  throw invalidParam("Not a valid URL", key, "url_invalid");
}

/**
 * Every top-level parameter Stripe's API (2026-10-28.endive) takes on Checkout Session creation. A name outside
 * this list is a 400 `parameter_unknown`, as in Stripe; a name in it that the emulator does not model is refused
 * too, with a message that says so, rather than accepted and silently ignored.
 */
const STRIPE_PARAMS = [
  "adaptive_pricing",
  "after_expiration",
  "allow_promotion_codes",
  "allowed_payment_method_types",
  "automatic_tax",
  "billing_address_collection",
  "branding_settings",
  "cancel_url",
  "client_reference_id",
  "consent_collection",
  "currency",
  "custom_fields",
  "custom_text",
  "customer",
  "customer_account",
  "customer_creation",
  "customer_email",
  "customer_update",
  "discounts",
  "excluded_payment_method_types",
  "expires_at",
  "integration_identifier",
  "invoice_creation",
  "line_items",
  "locale",
  "managed_payments",
  "metadata",
  "mode",
  "name_collection",
  "optional_items",
  "origin_context",
  "payment_intent_data",
  "payment_method_collection",
  "payment_method_configuration",
  "payment_method_data",
  "payment_method_options",
  "permissions",
  "phone_number_collection",
  "redirect_on_completion",
  "return_url",
  "saved_payment_method_options",
  "setup_intent_data",
  "shipping_address_collection",
  "shipping_options",
  "submit_type",
  "subscription_data",
  "success_url",
  "tax_id_collection",
  "ui_mode",
  "wallet_options",
] as const;
const MODELLED = [
  "allow_promotion_codes",
  "allowed_payment_method_types",
  "billing_address_collection",
  "cancel_url",
  "client_reference_id",
  "currency",
  "customer",
  "customer_creation",
  "customer_email",
  "expires_at",
  "line_items",
  "locale",
  "metadata",
  "mode",
  "payment_intent_data",
  "payment_method_collection",
  "submit_type",
  "subscription_data",
  "success_url",
  "ui_mode",
];
const PAYMENT_INTENT_DATA = [
  "application_fee_amount",
  "capture_method",
  "description",
  "metadata",
  "on_behalf_of",
  "receipt_email",
  "setup_future_usage",
  "shipping",
  "statement_descriptor",
  "statement_descriptor_suffix",
  "transfer_data",
  "transfer_group",
] as const;
const PAYMENT_INTENT_MODELLED = [
  "description",
  "metadata",
  "receipt_email",
  "statement_descriptor",
  "statement_descriptor_suffix",
];
const SUBSCRIPTION_DATA = [
  "application_fee_percent",
  "billing_cycle_anchor",
  "billing_cycle_anchor_config",
  "billing_mode",
  "default_tax_rates",
  "description",
  "invoice_settings",
  "metadata",
  "on_behalf_of",
  "pending_invoice_item_interval",
  "proration_behavior",
  "transfer_data",
  "trial_end",
  "trial_period_days",
  "trial_settings",
] as const;
const SUBSCRIPTION_MODELLED = ["description", "metadata", "trial_end", "trial_period_days"];

/** `subscription_data` / `payment_intent_data` are only allowed in their own mode. */
function modeData(
  params: Params,
  key: string,
  allowedIn: string,
  mode: string,
): Params | undefined {
  const data = params.child(key);
  if (data && mode !== allowedIn)
    throw invalidParam(`You can not pass \`${key}\` in \`${mode}\` mode.`, key);
  return data;
}

function paymentIntentData(params: Params, mode: string): SessionExtras["paymentIntentData"] {
  const data = modeData(params, "payment_intent_data", "payment", mode);
  if (!data)
    return {
      metadata: {},
      description: null,
      receiptEmail: null,
      statementDescriptor: null,
      statementDescriptorSuffix: null,
    };
  data.stripeOnly(PAYMENT_INTENT_DATA, PAYMENT_INTENT_MODELLED);
  const receiptEmail = data.str("receipt_email", { max: 800 }) ?? null;
  if (receiptEmail && !EMAIL.test(receiptEmail))
    throw invalidParam(
      `Invalid email address: ${receiptEmail}`,
      data.path("receipt_email"),
      "email_invalid",
    );
  return {
    metadata: data.metadata()?.set ?? {},
    description: data.str("description", { max: 1000 }) ?? null,
    receiptEmail,
    statementDescriptor: data.str("statement_descriptor", { max: 22 }) ?? null,
    statementDescriptorSuffix: data.str("statement_descriptor_suffix", { max: 22 }) ?? null,
  };
}

function subscriptionData(
  params: Params,
  mode: string,
  created: number,
): SessionExtras["subscriptionData"] {
  const data = modeData(params, "subscription_data", "subscription", mode);
  if (!data) return { metadata: {}, description: null, trialPeriodDays: null, trialEnd: null };
  data.stripeOnly(SUBSCRIPTION_DATA, SUBSCRIPTION_MODELLED);
  const trialPeriodDays = data.int("trial_period_days", { min: 1, max: 730 }) ?? null;
  const trialEnd = data.int("trial_end") ?? null;
  if (trialPeriodDays !== null && trialEnd !== null) {
    throw invalidParam(
      "You may only specify one of these parameters: trial_end, trial_period_days.",
      data.path("trial_end"),
    );
  }
  // Stripe: the trial must end at least 2 days after the session is created, and within 730 days.
  if (trialEnd !== null && (trialEnd < created + 2 * 86_400 || trialEnd > created + 730 * 86_400)) {
    throw invalidParam(
      "`trial_end` must be at least 2 days and at most 730 days in the future.",
      data.path("trial_end"),
    );
  }
  return {
    metadata: data.metadata()?.set ?? {},
    description: data.str("description", { max: 500 }) ?? null,
    trialPeriodDays,
    trialEnd,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function create({ emu, params }: ApiContext): Stripe.Checkout.Session {
  params.stripeOnly(STRIPE_PARAMS, MODELLED);
  const mode = params.oneOf("mode", ["payment", "setup", "subscription"]) ?? "payment";
  if (mode === "setup")
    throw invalidParam("The Stripe emulator does not support `setup` mode.", "mode");
  const uiMode = params.oneOf("ui_mode", ["hosted_page", "embedded_page", "elements", "form"]);
  if (uiMode && uiMode !== "hosted_page")
    throw invalidParam(
      "The Stripe emulator only hosts Checkout pages (`ui_mode: hosted_page`).",
      "ui_mode",
    );
  const customer = params.str("customer");
  if (customer && !emu.store.customers.has(customer))
    throw resourceMissing("customer", customer, "customer");
  const customerEmail = params.str("customer_email", { max: 800 }) ?? null;
  if (customer && customerEmail)
    throw invalidParam(
      "You may only specify one of these parameters: customer, customer_email.",
      "customer_email",
    );
  if (customerEmail && !EMAIL.test(customerEmail)) {
    throw invalidParam(
      `Invalid email address: ${customerEmail}`,
      "customer_email",
      "email_invalid",
    );
  }
  const customerCreation = params.oneOf("customer_creation", ["always", "if_required"]) ?? null;
  if (customerCreation && mode !== "payment")
    throw invalidParam(
      "`customer_creation` can only be used in `payment` mode.",
      "customer_creation",
    );
  if (customerCreation && customer)
    throw invalidParam(
      "You may only specify one of these parameters: customer, customer_creation.",
      "customer_creation",
    );
  const submitType =
    params.oneOf("submit_type", ["auto", "book", "donate", "pay", "subscribe"]) ?? null;
  if (
    submitType &&
    mode === "subscription" &&
    submitType !== "auto" &&
    submitType !== "subscribe"
  ) {
    throw invalidParam(
      `\`submit_type\` cannot be \`${submitType}\` in \`subscription\` mode.`,
      "submit_type",
    );
  }
  const created = now();
  const expiresAt = params.int("expires_at") ?? created + 24 * 3600;
  if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
    throw invalidParam(
      "The `expires_at` timestamp must be between 30 minutes and 24 hours after the Checkout Session is created.",
      "expires_at",
    );
  }
  const subscription = subscriptionData(params, mode, created);
  const paymentIntent = paymentIntentData(params, mode);
  const allowPromotionCodes = params.bool("allow_promotion_codes") ?? null;
  const billingAddressCollection =
    params.oneOf("billing_address_collection", ["auto", "required"]) ?? null;
  const locale =
    (params.str("locale", { max: 10 }) as Stripe.Checkout.Session.Locale | undefined) ?? null;
  const paymentMethodCollection =
    params.oneOf("payment_method_collection", ["always", "if_required"]) ?? null;
  if (paymentMethodCollection && mode !== "subscription") {
    throw invalidParam(
      "`payment_method_collection` can only be used in `subscription` mode.",
      "payment_method_collection",
    );
  }
  const { items, amount, currency } = lineItemsFor(emu, params, mode);
  const sessionCurrency = params.has("currency") ? checkedCurrency(params, "currency") : undefined;
  if (sessionCurrency && sessionCurrency !== currency) {
    throw invalidParam(
      `The currency ${sessionCurrency} does not match the line items' currency ${currency}.`,
      "currency",
    );
  }
  // A trial defers the first payment: Checkout shows (and the session totals) what is due today.
  const trial = subscription.trialPeriodDays !== null || subscription.trialEnd !== null;

  const session = buildSession(
    {
      mode,
      currency,
      amount,
      successUrl: url(params, "success_url"),
      cancelUrl: url(params, "cancel_url"),
      customer: customer ?? null,
      customerEmail,
      customerCreation,
      clientReferenceId: params.str("client_reference_id", { max: 200 }) ?? null,
      metadata: params.metadata()?.set ?? {},
      submitType,
      expiresAt,
      allowedPaymentMethodTypes: params.has("allowed_payment_method_types")
        ? params.strings("allowed_payment_method_types")
        : null,
      allowPromotionCodes,
      billingAddressCollection,
      locale,
      paymentMethodCollection,
      amountDueNow: trial ? 0 : amount,
    },
    emu.baseUrl,
  );
  emu.store.sessions.set(session.id, session);
  emu.store.sessionExtras.set(session.id, {
    lineItems: items,
    subscriptionData: subscription,
    paymentIntentData: paymentIntent,
  });
  return session;
}

const retrieve: ApiHandler = ({ emu, path }) => getSession(emu, path.id ?? "");

const expire: ApiHandler = ({ emu, path }) => expireSession(emu, getSession(emu, path.id ?? ""));

const lineItems: ApiHandler = ({ emu, path, params }) => {
  params.allowOnly(["limit", "starting_after", "ending_before"]);
  const session = getSession(emu, path.id ?? "");
  return paginate(
    structuredClone(emu.store.sessionExtras.get(session.id)?.lineItems ?? []),
    params,
    `/v1/checkout/sessions/${session.id}/line_items`,
    "line_item",
  );
};

export function checkoutRoutes(router: Router<ApiHandler>): void {
  router
    .on("POST", "/v1/checkout/sessions", create)
    .on("GET", "/v1/checkout/sessions/:id", retrieveOnly(retrieve))
    .on("POST", "/v1/checkout/sessions/:id/expire", retrieveOnly(expire))
    .on("GET", "/v1/checkout/sessions/:id/line_items", lineItems);
}
