import { z } from "zod";

/**
 * The subsets of Stripe objects (API version 2026-10-28.endive) the webhook reads, validated before use.
 * Field paths follow that version: an invoice's subscription is under parent.subscription_details, its payments
 * under payments (only when expanded), and a subscription's period lives on its items.
 */
const ref = z
  .union([z.string(), z.object({ id: z.string() })])
  .transform((v) => (typeof v === "string" ? v : v.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});

export const checkoutSessionObject = z.object({
  id: z.string(),
  mode: z.enum(["payment", "subscription", "setup"]),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  customer: ref.nullish(),
  customer_details: z.object({ email: z.string().nullish(), name: z.string().nullish() }).nullish(),
  payment_intent: ref.nullish(),
  subscription: ref.nullish(),
  client_reference_id: z.string().nullish(),
  metadata,
});
export type CheckoutSessionObject = z.infer<typeof checkoutSessionObject>;

export const subscriptionObject = z.object({
  id: z.string(),
  status: z.enum([
    "incomplete",
    "incomplete_expired",
    "trialing",
    "active",
    "past_due",
    "unpaid",
    "paused",
    "canceled",
  ]),
  customer: ref,
  cancel_at_period_end: z.boolean(),
  start_date: z.number().int(),
  ended_at: z.number().int().nullish(),
  metadata,
  items: z.object({
    data: z
      .array(
        z.object({
          quantity: z.number().int().nullish(),
          current_period_end: z.number().int(),
          price: z.object({
            unit_amount: z.number().int().nullish(),
            currency: z.string(),
            recurring: z.object({ interval: z.enum(["day", "week", "month", "year"]) }).nullish(),
          }),
        }),
      )
      .min(1),
  }),
});
export type SubscriptionObject = z.infer<typeof subscriptionObject>;

export const invoiceObject = z.object({
  id: z.string(),
  customer: ref.nullish(),
  customer_email: z.string().nullish(),
  customer_name: z.string().nullish(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string(),
  billing_reason: z.string().nullish(),
  hosted_invoice_url: z.string().nullish(),
  created: z.number().int(),
  status_transitions: z.object({ paid_at: z.number().int().nullish() }).nullish(),
  last_finalization_error: z.object({ message: z.string().nullish() }).nullish(),
  parent: z
    .object({
      subscription_details: z.object({ subscription: ref, metadata }).nullish(),
    })
    .nullish(),
  payments: z
    .object({ data: z.array(z.object({ payment: z.object({ payment_intent: ref.nullish() }) })) })
    .nullish(),
});
export type InvoiceObject = z.infer<typeof invoiceObject>;

export const chargeObject = z.object({
  id: z.string(),
  payment_intent: ref.nullish(),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  metadata,
});
export type ChargeObject = z.infer<typeof chargeObject>;

export const refundObject = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(["pending", "requires_action", "succeeded", "failed", "canceled"]),
  created: z.number().int(),
});
export type RefundObject = z.infer<typeof refundObject>;

/** A charge re-read with `expand: ["refunds"]` (the list is not included otherwise in this API version). */
export const chargeWithRefundsObject = z.object({
  id: z.string(),
  refunds: z.object({ data: z.array(refundObject), has_more: z.boolean() }),
});

export const paymentIntentObject = z.object({
  id: z.string(),
  metadata,
  latest_charge: z.union([z.string(), z.object({ receipt_url: z.string().nullish() })]).nullish(),
  last_payment_error: z.object({ message: z.string().nullish() }).nullish(),
});

/** `GET /v1/invoice_payments?payment[payment_intent]=…`: from a payment to its invoice (charges no longer name it). */
export const invoicePaymentListObject = z.object({ data: z.array(z.object({ invoice: ref })) });

/** A dispute (dp_…), the object of every charge.dispute.* event. */
export const disputeObject = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string(),
  reason: z.string(),
  created: z.number().int(),
  charge: ref,
  payment_intent: ref.nullish(),
});
export type DisputeObject = z.infer<typeof disputeObject>;
