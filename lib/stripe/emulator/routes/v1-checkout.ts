import type Stripe from "stripe";
import { invalidParam, resourceMissing } from "../errors";
import { expireSession, getSession } from "../flows/checkout";
import { list } from "../http";
import { buildSession } from "../objects/checkout-session";
import type { Params } from "../params";
import type { Router } from "../router";
import { now } from "../time";
import { lineItemsFor } from "./line-items";
import type { ApiContext, ApiHandler } from "./types";

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

/** `subscription_data` / `payment_intent_data`: only in their own mode, and only what the emulator models. */
function modeData(params: Params, key: string, allowedIn: string, mode: string, keys: string[]) {
  const data = params.child(key);
  if (!data) return { metadata: {}, description: null };
  if (mode !== allowedIn) throw invalidParam(`You can not pass \`${key}\` in \`${mode}\` mode.`, key);
  data.allowOnly(keys);
  return { metadata: data.metadata()?.set ?? {}, description: data.str("description", { max: 1000 }) ?? null };
}

function create({ emu, params }: ApiContext): Stripe.Checkout.Session {
  const mode = params.oneOf("mode", ["payment", "setup", "subscription"]) ?? "payment";
  if (mode === "setup") throw invalidParam("The Stripe emulator does not support `setup` mode.", "mode");
  const uiMode = params.oneOf("ui_mode", ["hosted_page", "embedded_page", "elements", "form"]);
  if (uiMode && uiMode !== "hosted_page") throw invalidParam("The Stripe emulator only hosts Checkout pages (`ui_mode: hosted_page`).", "ui_mode");
  const customer = params.str("customer");
  if (customer && !emu.store.customers.has(customer)) throw resourceMissing("customer", customer, "customer");
  const customerEmail = params.str("customer_email", { max: 800 }) ?? null;
  if (customer && customerEmail) throw invalidParam("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (customerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
    throw invalidParam(`Invalid email address: ${customerEmail}`, "customer_email", "email_invalid");
  }
  const customerCreation = params.oneOf("customer_creation", ["always", "if_required"]) ?? null;
  if (customerCreation && mode !== "payment") throw invalidParam("`customer_creation` can only be used in `payment` mode.", "customer_creation");
  if (customerCreation && customer) throw invalidParam("You may only specify one of these parameters: customer, customer_creation.", "customer_creation");
  const submitType = params.oneOf("submit_type", ["auto", "book", "donate", "pay", "subscribe"]) ?? null;
  if (submitType && mode === "subscription" && submitType !== "auto" && submitType !== "subscribe") {
    throw invalidParam(`\`submit_type\` cannot be \`${submitType}\` in \`subscription\` mode.`, "submit_type");
  }
  const created = now();
  const expiresAt = params.int("expires_at") ?? created + 24 * 3600;
  if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
    throw invalidParam("The `expires_at` timestamp must be between 30 minutes and 24 hours after the Checkout Session is created.", "expires_at");
  }
  const subscriptionData = modeData(params, "subscription_data", "subscription", mode, ["metadata", "description"]);
  const paymentIntentData = modeData(params, "payment_intent_data", "payment", mode, ["metadata", "description", "statement_descriptor", "statement_descriptor_suffix"]);
  const { items, amount, currency } = lineItemsFor(emu, params, mode);

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
      allowedPaymentMethodTypes: params.has("allowed_payment_method_types") ? params.strings("allowed_payment_method_types") : null,
    },
    emu.baseUrl,
  );
  emu.store.sessions.set(session.id, session);
  emu.store.sessionExtras.set(session.id, { lineItems: items, subscriptionData, paymentIntentData });
  return session;
}

const retrieve: ApiHandler = ({ emu, path }) => getSession(emu, path.id ?? "");

const expire: ApiHandler = ({ emu, path }) => expireSession(emu, getSession(emu, path.id ?? ""));

const lineItems: ApiHandler = ({ emu, path }) => {
  const session = getSession(emu, path.id ?? "");
  return list(structuredClone(emu.store.sessionExtras.get(session.id)?.lineItems ?? []), `/v1/checkout/sessions/${session.id}/line_items`);
};

export function checkoutRoutes(router: Router<ApiHandler>): void {
  router
    .on("POST", "/v1/checkout/sessions", create)
    .on("GET", "/v1/checkout/sessions/:id", retrieve)
    .on("POST", "/v1/checkout/sessions/:id/expire", expire)
    .on("GET", "/v1/checkout/sessions/:id/line_items", lineItems);
}
