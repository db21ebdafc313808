import type Stripe from "stripe";
import type { Emulator } from "../context";
import { buildInvoice, buildInvoicePayment, finalizeInvoice } from "../objects/invoice";
import { invalidRequest } from "../errors";
import type { Method } from "../objects/payment";
import { must } from "../store";
import { now } from "../time";
import {
  attemptPayment,
  createPaymentIntent,
  emitPaymentEvents,
  latestCharge,
  settleDebit,
} from "./payments";

function productName(emu: Emulator, id: string): string {
  return emu.store.products.get(id)?.name ?? "Subscription";
}

/** A draft invoice for the subscription's current items, made its latest invoice. Raises nothing yet. */
export function draftInvoice(
  emu: Emulator,
  subscription: Stripe.Subscription,
  billingReason: "subscription_create" | "subscription_cycle",
  period: { start: number; end: number },
  trial = false,
): Stripe.Invoice {
  const customer = must(emu.store.customers, String(subscription.customer), "customer");
  const invoice = buildInvoice({
    subscription,
    customer,
    billingReason,
    period,
    productName: (id) => productName(emu, id),
    trial,
  });
  emu.store.invoices.set(invoice.id, invoice);
  emu.store.invoicePayments.set(invoice.id, []);
  subscription.latest_invoice = invoice.id;
  return invoice;
}

/**
 * An invoice with nothing to pay (the first invoice of a trial): created, finalized and paid at once, with no
 * payment intent, as Stripe does. Events: invoice.created, invoice.finalized, invoice.paid, invoice.payment_succeeded.
 */
export function settleZeroInvoice(emu: Emulator, invoice: Stripe.Invoice): void {
  emu.emit("invoice.created", invoice);
  finalizeInvoice(
    invoice,
    must(emu.store.customers, String(invoice.customer), "customer"),
    emu.baseUrl,
  );
  emu.emit("invoice.finalized", invoice);
  const at = now();
  invoice.status = "paid";
  invoice.auto_advance = false;
  invoice.status_transitions = { ...invoice.status_transitions, paid_at: at };
  emu.emit("invoice.paid", invoice);
  emu.emit("invoice.payment_succeeded", invoice);
}

/** invoice.created (draft), then finalization with its payment intent, invoice.finalized. */
export function announceAndFinalize(emu: Emulator, invoice: Stripe.Invoice): void {
  emu.emit("invoice.created", invoice);
  const customer = must(emu.store.customers, String(invoice.customer), "customer");
  finalizeInvoice(invoice, customer, emu.baseUrl);
  const pi = createPaymentIntent(emu, {
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: customer.id,
    description:
      invoice.billing_reason === "subscription_create"
        ? "Subscription creation"
        : "Subscription update",
    metadata: {},
    receiptEmail: null,
  });
  emu.store.invoicePayments.get(invoice.id)?.push(buildInvoicePayment(invoice, pi.id));
  emu.emit("invoice.finalized", invoice);
}

function defaultPayment(
  emu: Emulator,
  invoice: Stripe.Invoice,
): { record: Stripe.InvoicePayment; pi: Stripe.PaymentIntent } {
  const record = emu.store.invoicePayments.get(invoice.id)?.find((p) => p.is_default);
  const pi = record && emu.store.paymentIntents.get(String(record.payment.payment_intent));
  if (!record || !pi) throw new Error(`invoice ${invoice.id} has no payment intent`);
  return { record, pi };
}

function markPaid(invoice: Stripe.Invoice, record: Stripe.InvoicePayment): void {
  const at = now();
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions = { ...invoice.status_transitions, paid_at: at };
  record.status = "paid";
  record.amount_paid = invoice.amount_due;
  record.status_transitions = { ...record.status_transitions, paid_at: at };
}

/** Emits what follows a payment attempt on the invoice, in the order: invoice, invoice payment, intent, charge. */
function settleEvents(
  emu: Emulator,
  invoice: Stripe.Invoice,
  record: Stripe.InvoicePayment,
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  onPaid?: () => void,
): void {
  if (charge.status === "succeeded") {
    markPaid(invoice, record);
    onPaid?.();
    emu.emit("invoice.paid", invoice);
    emu.emit("invoice.payment_succeeded", invoice);
    emu.emit("invoice_payment.paid", record);
  } else if (charge.status === "failed") {
    // Stripe's Smart Retries would try again in a few days; tests retry with the renew control endpoint.
    invoice.next_payment_attempt = now() + 3 * 86_400;
    emu.emit("invoice.payment_failed", invoice);
  }
  emitPaymentEvents(emu, pi, charge);
}

/**
 * Attempts the invoice's payment with the customer's method; returns the charge's status. `onPaid` runs the
 * moment the invoice is paid, before any event about it: what else Stripe changes at that moment (a new
 * subscription turning `active`) is already so when the app re-reads it while handling invoice.paid.
 */
export function chargeInvoice(
  emu: Emulator,
  invoice: Stripe.Invoice,
  method: Method,
  paymentMethod: string | null,
  onPaid?: () => void,
): Stripe.Charge.Status {
  const { record, pi } = defaultPayment(emu, invoice);
  const customer = emu.store.customers.get(String(invoice.customer));
  invoice.attempted = true;
  invoice.attempt_count += 1;
  const charge = attemptPayment(emu, pi, method, {
    email: customer?.email ?? null,
    name: customer?.name ?? null,
    paymentMethod,
  });
  settleEvents(emu, invoice, record, pi, charge, onPaid);
  return charge.status;
}

/** Settles a pending bank debit on the invoice. */
export function settleInvoiceDebit(
  emu: Emulator,
  invoice: Stripe.Invoice,
  succeeded: boolean,
): void {
  const { record, pi } = defaultPayment(emu, invoice);
  const charge = latestCharge(emu, pi);
  if (!charge || charge.status !== "pending")
    throw invalidRequest(`Invoice ${invoice.id} has no pending payment to settle.`);
  settleDebit(pi, charge, succeeded);
  settleEvents(emu, invoice, record, pi, charge);
}

export function voidInvoice(emu: Emulator, invoice: Stripe.Invoice): void {
  invoice.status = "void";
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions = { ...invoice.status_transitions, voided_at: now() };
  for (const record of emu.store.invoicePayments.get(invoice.id) ?? []) {
    record.status = "canceled";
    record.status_transitions = { ...record.status_transitions, canceled_at: now() };
  }
  emu.emit("invoice.voided", invoice);
}
