import type Stripe from "stripe";
import { newId, randomToken } from "../ids";
import { now } from "../time";
import { NULL_ADDRESS, sample } from "./sample";

/** How the customer pays on the hosted page: Stripe's test card 4242…, its decline card …0002, or a bank debit. */
export type Method = "card" | "declined_card" | "bank_debit";

/** The test cards the hosted pages offer (Stripe's own test numbers' brands and last digits). */
export interface TestCard {
  brand: "visa" | "mastercard";
  last4: string;
  declines: boolean;
}
export const TEST_CARDS: readonly TestCard[] = [
  { brand: "visa", last4: "4242", declines: false },
  { brand: "mastercard", last4: "4444", declines: false },
  { brand: "visa", last4: "0002", declines: true },
];

/** The bank debit Stripe would offer for the currency. */
export function debitType(currency: string): "us_bank_account" | "sepa_debit" | "bacs_debit" {
  return currency === "usd" ? "us_bank_account" : currency === "gbp" ? "bacs_debit" : "sepa_debit";
}

export function buildPaymentIntent(input: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
}): Stripe.PaymentIntent {
  const id = newId("pi_");
  return {
    ...sample<Stripe.PaymentIntent>("payment_intent"),
    id,
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    automatic_payment_methods: null,
    canceled_at: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${randomToken(25)}`,
    created: now(),
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    managed_payments: null,
    metadata: { ...input.metadata },
    next_action: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card", debitType(input.currency)],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    status: "requires_payment_method",
    transfer_data: null,
  };
}

function paymentMethodDetails(
  method: Method,
  currency: string,
): Stripe.Charge.PaymentMethodDetails {
  if (method === "bank_debit") {
    const type = debitType(currency);
    const common = { fingerprint: randomToken(16), last4: "6789" };
    if (type === "us_bank_account") {
      const details = {
        account_holder_type: "individual",
        account_type: "checking",
        bank_name: "STRIPE TEST BANK",
      } as const;
      return {
        type,
        us_bank_account: {
          ...common,
          ...details,
          payment_reference: null,
          routing_number: "110000000",
        },
      };
    }
    if (type === "bacs_debit")
      return { type, bacs_debit: { ...common, mandate: null, sort_code: "108800" } };
    return {
      type,
      sepa_debit: {
        ...common,
        mandate: null,
        bank_code: "37040044",
        branch_code: null,
        country: "DE",
      },
    };
  }
  const card = sample<Stripe.Charge>("charge").payment_method_details
    ?.card as Stripe.Charge.PaymentMethodDetails.Card;
  return {
    type: "card",
    card: {
      ...card,
      amount_authorized: null,
      brand: "visa",
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      electronic_commerce_indicator: null,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      last4: method === "declined_card" ? "0002" : "4242",
      network_token: { used: false },
      overcapture: { maximum_amount_capturable: 0, status: "unavailable" },
      three_d_secure: null,
      wallet: null,
    },
  };
}

const OUTCOMES = {
  succeeded: {
    network_status: "approved_by_network",
    reason: null,
    seller_message: "Payment complete.",
    type: "authorized",
  },
  pending: {
    network_status: "approved_by_network",
    reason: null,
    seller_message: "Payment pending.",
    type: "authorized",
  },
  failed: {
    network_status: "declined_by_network",
    reason: "generic_decline",
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  },
} as const;

/** Sets a charge's status, with the outcome, failure and capture fields that go with it. */
export function setChargeStatus(
  charge: Stripe.Charge,
  status: "succeeded" | "pending" | "failed",
  failure?: { code: string; message: string },
): void {
  charge.status = status;
  charge.paid = status === "succeeded";
  charge.captured = status !== "failed";
  charge.amount_captured = status === "failed" ? 0 : charge.amount;
  charge.balance_transaction =
    status === "failed" ? null : (charge.balance_transaction ?? newId("txn_"));
  charge.failure_code = failure?.code ?? null;
  charge.failure_message = failure?.message ?? null;
  const outcome = OUTCOMES[status];
  charge.outcome = {
    ...outcome,
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    risk_level: "normal",
  };
}

export function buildCharge(input: {
  paymentIntent: Stripe.PaymentIntent;
  method: Method;
  email: string | null;
  name: string | null;
  baseUrl: string;
}): Stripe.Charge {
  const pi = input.paymentIntent;
  const id = newId("ch_");
  const charge: Stripe.Charge = {
    ...sample<Stripe.Charge>("charge", ["refunds", "source"]),
    id,
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: {
      address: NULL_ADDRESS,
      email: input.email,
      name: input.name,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "EMULATOR",
    captured: false,
    created: now(),
    currency: pi.currency,
    customer: typeof pi.customer === "string" ? pi.customer : null,
    description: pi.description,
    fraud_details: {},
    metadata: { ...pi.metadata },
    paid: false,
    payment_intent: pi.id,
    payment_method: newId("pm_"),
    payment_method_details: paymentMethodDetails(input.method, pi.currency),
    receipt_email: pi.receipt_email,
    receipt_url: `${input.baseUrl}/receipts/${id}`,
    refunded: false,
    shipping: null,
    source: null,
    status: "pending",
    transfer_data: null,
  };
  return charge;
}
