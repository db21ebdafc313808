import type Stripe from "stripe";
import type { Emulator } from "../context";
import { updateAndEmit } from "../diff";
import { cardDeclined, invalidRequest } from "../errors";
import { newId } from "../ids";
import { customerDetails } from "../objects/checkout-session";
import { buildCustomer } from "../objects/customer";
import type { Method } from "../objects/payment";
import { buildSubscription } from "../objects/subscription";
import { must, type SessionExtras } from "../store";
import { now, periodBoundary, type Interval } from "../time";
import {
  announceAndFinalize,
  chargeInvoice,
  draftInvoice,
  settleInvoiceDebit,
  settleZeroInvoice,
  voidInvoice,
} from "./invoices";
import {
  attemptPayment,
  createPaymentIntent,
  emitPaymentEvents,
  latestCharge,
  settleDebit,
} from "./payments";

/**
 * How the customer finishes Checkout: `paid` (card), `declined` (card declined: an error, the session stays open),
 * or a bank debit that is `async_pending` (settled later with `settleCheckout`), `async_failed` or `async_succeeded`.
 */
export const OUTCOMES = [
  "paid",
  "declined",
  "async_pending",
  "async_failed",
  "async_succeeded",
] as const;
export type CheckoutOutcome = (typeof OUTCOMES)[number];

/** Sessions expire lazily: the first look after `expires_at` expires them, with checkout.session.expired. */
export function getSession(emu: Emulator, id: string): Stripe.Checkout.Session {
  const session = must(emu.store.sessions, id, "checkout.session");
  if (session.status === "open" && now() >= session.expires_at) expireSession(emu, session);
  return session;
}

export function expireSession(
  emu: Emulator,
  session: Stripe.Checkout.Session,
): Stripe.Checkout.Session {
  if (session.status !== "open") {
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired.`);
  }
  session.status = "expired";
  session.url = null;
  emu.emit("checkout.session.expired", session);
  return session;
}

function extrasOf(emu: Emulator, session: Stripe.Checkout.Session): SessionExtras {
  const extras = emu.store.sessionExtras.get(session.id);
  if (!extras) throw new Error(`session ${session.id} has no line items`);
  return extras;
}

function resolveCustomer(
  emu: Emulator,
  session: Stripe.Checkout.Session,
  email: string,
  name: string | null,
): Stripe.Customer | null {
  if (typeof session.customer === "string")
    return must(emu.store.customers, session.customer, "customer");
  if (session.mode === "payment" && session.customer_creation !== "always") return null;
  const customer = buildCustomer({ email, name });
  emu.store.customers.set(customer.id, customer);
  emu.emit("customer.created", customer);
  return customer;
}

function payOnce(
  emu: Emulator,
  session: Stripe.Checkout.Session,
  method: Method,
  billing: { email: string; name: string | null },
  customer: Stripe.Customer | null,
): Stripe.Charge {
  const extras = extrasOf(emu, session);
  const existing =
    typeof session.payment_intent === "string"
      ? emu.store.paymentIntents.get(session.payment_intent)
      : undefined;
  const pi =
    existing ??
    createPaymentIntent(emu, {
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      customer: null,
      description: extras.paymentIntentData.description,
      metadata: extras.paymentIntentData.metadata,
      receiptEmail: extras.paymentIntentData.receiptEmail,
    });
  pi.statement_descriptor = extras.paymentIntentData.statementDescriptor;
  pi.statement_descriptor_suffix = extras.paymentIntentData.statementDescriptorSuffix;
  pi.customer = customer?.id ?? null;
  session.payment_intent = pi.id;
  const charge = attemptPayment(emu, pi, method, billing);
  emitPaymentEvents(emu, pi, charge);
  return charge;
}

/**
 * Stripe's order for a subscription bought on Checkout: the subscription is created `incomplete`, its first invoice
 * is created, finalized and charged, and only then is it updated to `active` (customer.subscription.updated with
 * `previous_attributes.status: "incomplete"`). With a trial it is created `trialing`, with a $0 invoice paid at once.
 */
function subscribe(
  emu: Emulator,
  session: Stripe.Checkout.Session,
  method: Method,
  customer: Stripe.Customer,
): Stripe.Charge.Status | "no_payment_required" {
  const extras = extrasOf(emu, session);
  const items = extras.lineItems.flatMap((li) =>
    li.price ? [{ price: li.price, quantity: li.quantity ?? 1 }] : [],
  );
  const recurring = items[0]?.price.recurring ?? { interval: "month", interval_count: 1 };
  const start = now();
  const { trialPeriodDays, trialEnd: requestedTrialEnd } = extras.subscriptionData;
  const trialEnd =
    requestedTrialEnd ?? (trialPeriodDays !== null ? start + trialPeriodDays * 86_400 : null);
  const end =
    trialEnd ?? periodBoundary(start, recurring.interval as Interval, recurring.interval_count, 1);
  const paymentMethod = newId("pm_");
  const subscription = buildSubscription({
    customer: customer.id,
    items,
    metadata: extras.subscriptionData.metadata,
    description: extras.subscriptionData.description,
    status: trialEnd !== null ? "trialing" : "incomplete",
    period: { start, end },
    paymentMethod,
    trial: trialEnd !== null ? { start, end: trialEnd } : null,
  });
  emu.store.subscriptions.set(subscription.id, subscription);
  // A trial's first paid period starts at its end (the billing-cycle anchor): no cycle has been billed yet.
  emu.store.billing.set(subscription.id, { cycles: trialEnd !== null ? 0 : 1 });
  const invoice = draftInvoice(
    emu,
    subscription,
    "subscription_create",
    { start, end: start },
    trialEnd !== null,
  );
  emu.emit("customer.subscription.created", subscription);
  session.subscription = subscription.id;
  session.invoice = invoice.id;
  if (trialEnd !== null) {
    settleZeroInvoice(emu, invoice);
    return "no_payment_required";
  }
  announceAndFinalize(emu, invoice);
  // Stripe's subscription is active from the moment its first invoice is paid; its event follows the payment's.
  const status = chargeInvoice(
    emu,
    invoice,
    method,
    paymentMethod,
    () => void (subscription.status = "active"),
  );
  if (status === "succeeded")
    emu.emit("customer.subscription.updated", subscription, { status: "incomplete" });
  return status;
}

/** The hosted page's (and the control endpoint's) "Pay": everything Stripe creates, with its events, in order. */
export function completeCheckout(
  emu: Emulator,
  id: string,
  input: { outcome: CheckoutOutcome; email?: string; name?: string },
): Stripe.Checkout.Session {
  const session = getSession(emu, id);
  if (session.status !== "open")
    throw invalidRequest(`This Checkout Session is ${session.status}: it can no longer be paid.`);
  const email =
    input.email?.trim() ||
    session.customer_email ||
    emu.store.customers.get(String(session.customer))?.email;
  if (!email) throw invalidRequest("Missing required param: email.", "email", "parameter_missing");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalidRequest(`Invalid email address: ${email}`, "email", "email_invalid");
  const name = input.name?.trim() || null;

  if (input.outcome === "declined") {
    // Stripe shows the decline and keeps the session open; in payment mode the failed attempt is on the intent.
    if (session.mode === "payment") payOnce(emu, session, "declined_card", { email, name }, null);
    throw cardDeclined();
  }
  const method: Method = input.outcome === "paid" ? "card" : "bank_debit";
  const customer = resolveCustomer(emu, session, email, name);
  const status =
    session.mode === "payment"
      ? payOnce(emu, session, method, { email, name }, customer).status
      : subscribe(emu, session, method, customer as Stripe.Customer);

  session.status = "complete";
  session.payment_status =
    status === "succeeded"
      ? "paid"
      : status === "no_payment_required"
        ? "no_payment_required"
        : "unpaid";
  session.customer = customer?.id ?? null;
  session.customer_details = customerDetails(email, name);
  session.collected_information = {
    business_name: null,
    individual_name: null,
    shipping_details: null,
  };
  session.url = null;
  emu.emit("checkout.session.completed", session);

  if (input.outcome === "async_failed") settleCheckout(emu, id, false);
  if (input.outcome === "async_succeeded") settleCheckout(emu, id, true);
  return session;
}

/**
 * Settles a bank debit left pending by Checkout: checkout.session.async_payment_succeeded or _failed after the
 * payment's own events. A subscription whose first payment fails becomes `incomplete_expired` and its invoice void.
 */
export function settleCheckout(
  emu: Emulator,
  id: string,
  succeeded: boolean,
): Stripe.Checkout.Session {
  const session = must(emu.store.sessions, id, "checkout.session");
  if (session.status !== "complete" || session.payment_status !== "unpaid") {
    throw invalidRequest("This Checkout Session has no pending payment to settle.");
  }
  if (session.mode === "payment") {
    const pi = emu.store.paymentIntents.get(String(session.payment_intent));
    const charge = pi && latestCharge(emu, pi);
    if (!pi || charge?.status !== "pending")
      throw invalidRequest("This Checkout Session has no pending payment to settle.");
    settleDebit(pi, charge, succeeded);
    emitPaymentEvents(emu, pi, charge);
  } else {
    settleInvoiceDebit(
      emu,
      must(emu.store.invoices, String(session.invoice), "invoice"),
      succeeded,
    );
  }
  if (succeeded) session.payment_status = "paid";
  emu.emit(
    succeeded
      ? "checkout.session.async_payment_succeeded"
      : "checkout.session.async_payment_failed",
    session,
  );

  const subscription = session.subscription
    ? emu.store.subscriptions.get(String(session.subscription))
    : undefined;
  if (subscription) {
    updateAndEmit(emu, "customer.subscription.updated", subscription, (s) => {
      s.status = succeeded ? "active" : "incomplete_expired";
      if (!succeeded) s.ended_at = now();
    });
    const invoice = emu.store.invoices.get(String(session.invoice));
    if (!succeeded && invoice) voidInvoice(emu, invoice);
  }
  return session;
}
