import type Stripe from "stripe";
import { newId } from "../ids";
import { now } from "../time";
import { debitType } from "./payment";
import { NULL_ADDRESS, sample } from "./sample";

export interface SessionInput {
  mode: "payment" | "subscription";
  currency: string;
  amount: number;
  successUrl: string | null;
  cancelUrl: string | null;
  customer: string | null;
  customerEmail: string | null;
  customerCreation: Stripe.Checkout.Session.CustomerCreation | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  submitType: Stripe.Checkout.Session.SubmitType | null;
  expiresAt: number;
  allowedPaymentMethodTypes: string[] | null;
  allowPromotionCodes: boolean | null;
  billingAddressCollection: Stripe.Checkout.Session.BillingAddressCollection | null;
  locale: Stripe.Checkout.Session.Locale | null;
  paymentMethodCollection: Stripe.Checkout.Session.PaymentMethodCollection | null;
  /** What is due when the customer pays: the amount, or 0 for a subscription that starts with a trial. */
  amountDueNow: number;
}

/** An open session; completion fills in customer, payment and status (see flows/checkout.ts). */
export function buildSession(input: SessionInput, baseUrl: string): Stripe.Checkout.Session {
  const id = newId("cs_test_");
  return {
    ...sample<Stripe.Checkout.Session>("checkout.session"),
    id,
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: input.allowPromotionCodes,
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount_subtotal: input.amountDueNow,
    amount_total: input.amountDueNow,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: input.billingAddressCollection,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now(),
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: input.customer,
    customer_creation: input.mode === "payment" ? (input.customerCreation ?? "if_required") : null,
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    invoice: null,
    invoice_creation:
      input.mode === "payment"
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    locale: input.locale,
    managed_payments: null,
    metadata: { ...input.metadata },
    mode: input.mode,
    payment_intent: null,
    payment_method_collection:
      input.mode === "subscription" ? (input.paymentMethodCollection ?? "always") : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card", debitType(input.currency)], // what the hosted page offers
    payment_status: "unpaid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: input.submitType,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${baseUrl}/c/pay/${id}`,
    wallet_options: null,
  };
}

export function customerDetails(
  email: string,
  name: string | null,
): Stripe.Checkout.Session.CustomerDetails {
  return {
    address: NULL_ADDRESS,
    business_name: null,
    email,
    individual_name: null,
    name,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
}

/** A Checkout line item (object `item`), listed by `GET /v1/checkout/sessions/:id/line_items` or `expand[]=line_items`. */
export function buildLineItem(
  price: Stripe.Price,
  quantity: number,
  description: string,
): Stripe.LineItem {
  const amount = (price.unit_amount ?? 0) * quantity;
  return {
    id: newId("li_"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description,
    metadata: {},
    price,
    quantity,
  };
}
