import type Stripe from "stripe";
import { newId } from "../ids";
import { now } from "../time";
import { formatMoney } from "./money";
import { decimal, sample } from "./sample";

function line(
  invoice: string,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
  productName: string,
  trial: boolean,
): Stripe.InvoiceLineItem {
  const quantity = item.quantity ?? 1;
  const amount = trial ? 0 : (item.price.unit_amount ?? 0) * quantity;
  const interval = item.price.recurring?.interval ?? "month";
  return {
    id: newId("il_"),
    object: "line_item",
    amount,
    currency: item.price.currency,
    description: trial
      ? `Trial period for ${productName}`
      : `${quantity} × ${productName} (at ${formatMoney(item.price.unit_amount ?? 0, item.price.currency)} / ${interval})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice,
    livemode: false,
    metadata: { ...subscription.metadata },
    parent: {
      type: "subscription_item_details",
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: subscription.id,
        subscription_item: item.id,
      },
    },
    period: { start: item.current_period_start, end: item.current_period_end },
    pretax_credit_amounts: [],
    pricing: {
      type: "price_details",
      price_details: { price: item.price.id, product: String(item.price.product) },
      unit_amount_decimal: decimal(item.price.unit_amount ?? 0),
    },
    quantity,
    quantity_decimal: decimal(quantity),
    subscription: subscription.id,
    subtotal: amount,
    taxes: [],
  };
}

/**
 * A draft subscription invoice. In this API version the subscription is under `parent.subscription_details` (with
 * a snapshot of its metadata) and there is no `invoice.subscription`. As in Stripe, `period_start/end` is the
 * period *before* the invoice (equal to creation on the first invoice); the paid-for period is on the lines.
 */
export function buildInvoice(input: {
  subscription: Stripe.Subscription;
  customer: Stripe.Customer;
  billingReason: "subscription_create" | "subscription_cycle";
  period: { start: number; end: number };
  productName: (productId: string) => string;
  /** The first invoice of a trial: its lines cost nothing. */
  trial?: boolean;
}): Stripe.Invoice {
  const { subscription, customer } = input;
  const id = newId("in_");
  const trial = input.trial ?? false;
  const total = trial
    ? 0
    : input.subscription.items.data.reduce(
        (sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1),
        0,
      );
  return {
    ...sample<Stripe.Invoice>("invoice", ["subscription"]),
    id,
    account_country: "US",
    account_name: "Stripe Emulator",
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      enabled: false,
      liability: null,
      status: null,
      disabled_reason: null,
      provider: null,
    },
    billing_reason: input.billingReason,
    created: now(),
    currency: subscription.currency,
    customer: customer.id,
    customer_address: null,
    customer_email: customer.email ?? null,
    customer_name: customer.name ?? null,
    customer_shipping: null,
    due_date: null,
    effective_at: null,
    ending_balance: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    last_finalization_error: null,
    lines: {
      object: "list",
      data: subscription.items.data.map((item) =>
        line(id, subscription, item, input.productName(String(item.price.product)), trial),
      ),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    metadata: {},
    next_payment_attempt: null,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: {
        metadata: { ...subscription.metadata },
        subscription: subscription.id,
      },
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: input.period.end,
    period_start: input.period.start,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    status: "draft",
    status_transitions: {
      finalized_at: null,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

/** Finalizing gives the invoice its number and hosted page, as Stripe does right away for subscription invoices. */
export function finalizeInvoice(
  invoice: Stripe.Invoice,
  customer: Stripe.Customer,
  baseUrl: string,
): void {
  const at = now();
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  invoice.status = "open";
  invoice.number = `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`;
  invoice.hosted_invoice_url = `${baseUrl}/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${baseUrl}/invoices/${invoice.id}/pdf`;
  invoice.effective_at = at;
  invoice.ending_balance = 0;
  invoice.status_transitions = { ...invoice.status_transitions, finalized_at: at };
}

export function buildInvoicePayment(
  invoice: Stripe.Invoice,
  paymentIntent: string,
): Stripe.InvoicePayment {
  return {
    id: newId("inpay_"),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: invoice.amount_due,
    created: now(),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: paymentIntent },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
}
