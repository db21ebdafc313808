import { randomBytes } from "node:crypto";

/**
 * Hand-made Stripe events in the shape of API version 2026-10-28.endive (the fields the handlers read, and the
 * envelope), for tests that need one exact event at one exact moment. The emulator makes the realistic ones.
 */
export const id = (prefix: string) => `${prefix}${randomBytes(9).toString("base64url")}`;
const now = () => Math.floor(Date.now() / 1000);

export function event(type: string, object: Record<string, unknown>, created = now()) {
  return {
    id: id("evt_"),
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function subscription(input: {
  id: string;
  customer: string;
  status?: string;
  amount?: number;
  currency?: string;
  interval?: "month" | "year";
  start?: number;
  periodEnd?: number;
  cancelAtPeriodEnd?: boolean;
  endedAt?: number | null;
  metadata?: Record<string, string>;
}) {
  const start = input.start ?? now();
  return {
    id: input.id,
    object: "subscription",
    status: input.status ?? "active",
    customer: input.customer,
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    start_date: start,
    ended_at: input.endedAt ?? null,
    metadata: input.metadata ?? {},
    items: {
      object: "list",
      data: [
        {
          id: id("si_"),
          object: "subscription_item",
          quantity: 1,
          current_period_start: start,
          current_period_end: input.periodEnd ?? start + 30 * 86_400,
          price: {
            id: id("price_"),
            object: "price",
            unit_amount: input.amount ?? 1000,
            currency: input.currency ?? "usd",
            recurring: { interval: input.interval ?? "month", interval_count: 1 },
          },
        },
      ],
    },
  };
}

export function checkoutSession(input: {
  id?: string;
  mode: "payment" | "subscription";
  customer: string | null;
  email: string;
  name?: string;
  subscription?: string;
  paymentIntent?: string;
  amount?: number;
  currency?: string;
  paid?: boolean;
  metadata?: Record<string, string>;
}) {
  return {
    id: input.id ?? id("cs_test_"),
    object: "checkout.session",
    mode: input.mode,
    status: "complete",
    payment_status: input.paid === false ? "unpaid" : "paid",
    amount_total: input.amount ?? 1000,
    currency: input.currency ?? "usd",
    customer: input.customer,
    customer_details: { email: input.email, name: input.name ?? null },
    payment_intent: input.paymentIntent ?? null,
    subscription: input.subscription ?? null,
    client_reference_id: input.metadata?.checkout_attempt_id ?? null,
    metadata: input.metadata ?? {},
  };
}

export function invoice(input: {
  id?: string;
  customer: string;
  email?: string;
  name?: string;
  subscription: string;
  paymentIntent: string;
  amount?: number;
  currency?: string;
  paid?: boolean;
  billingReason?: string;
}) {
  const created = now();
  const amount = input.amount ?? 1000;
  return {
    id: input.id ?? id("in_"),
    object: "invoice",
    customer: input.customer,
    customer_email: input.email ?? null,
    customer_name: input.name ?? null,
    amount_due: amount,
    amount_paid: input.paid === false ? 0 : amount,
    currency: input.currency ?? "usd",
    billing_reason: input.billingReason ?? "subscription_cycle",
    hosted_invoice_url: null,
    created,
    status: input.paid === false ? "open" : "paid",
    status_transitions: { paid_at: input.paid === false ? null : created },
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: input.subscription, metadata: {} },
    },
    // Only an expanded invoice lists its payments; given here so the handler need not ask Stripe.
    payments: {
      object: "list",
      data: [
        {
          object: "invoice_payment",
          payment: { type: "payment_intent", payment_intent: input.paymentIntent },
        },
      ],
    },
  };
}

/** A dispute as Stripe's published fixture has it (API version 2026-10-28.endive), for one charge. */
export function dispute(input: {
  id?: string;
  charge: string;
  paymentIntent: string | null;
  amount: number;
  currency?: string;
  status: string;
  reason?: string;
  created: number;
}) {
  return {
    id: input.id ?? id("dp_"),
    object: "dispute",
    amount: input.amount,
    balance_transactions: [],
    charge: input.charge,
    created: input.created,
    currency: input.currency ?? "usd",
    enhanced_eligibility_types: [],
    evidence: {
      customer_email_address: null,
      customer_name: null,
      product_description: null,
      uncategorized_text: null,
      enhanced_evidence: {},
    },
    evidence_details: {
      due_by: input.created + 14 * 86_400,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      enhanced_eligibility: {},
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: input.paymentIntent,
    payment_method_details: {
      card: {
        brand: "visa",
        case_type: "chargeback",
        network_reason_code: "10.4",
        network: "visa",
      },
      type: "card",
    },
    reason: input.reason ?? "fraudulent",
    status: input.status,
  };
}
