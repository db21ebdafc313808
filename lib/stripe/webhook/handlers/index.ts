import type { EventHandler } from "../context";
import { chargeDispute } from "./charge-dispute";
import { chargeRefunded } from "./charge-refunded";
import {
  checkoutSessionAsyncFailed,
  checkoutSessionAsyncSucceeded,
  checkoutSessionCompleted,
} from "./checkout-session";
import { invoicePaid, invoicePaymentFailed } from "./invoice-settled";
import { subscriptionChanged } from "./subscription-changed";

/** The events this product acts on; every other type is acknowledged and ignored. */
export const HANDLERS: Readonly<Record<string, EventHandler>> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionAsyncSucceeded,
  "checkout.session.async_payment_failed": checkoutSessionAsyncFailed,
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionChanged,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": chargeDispute,
  "charge.dispute.updated": chargeDispute,
  "charge.dispute.closed": chargeDispute,
  "charge.dispute.funds_withdrawn": chargeDispute,
  "charge.dispute.funds_reinstated": chargeDispute,
};

export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);
