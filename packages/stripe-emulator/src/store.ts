import type Stripe from "stripe";
import { resourceMissing } from "./errors";

/** What Checkout keeps about a session besides the public object, until the customer pays. */
export interface SessionExtras {
  lineItems: Stripe.LineItem[];
  subscriptionData: {
    metadata: Record<string, string>;
    description: string | null;
    trialPeriodDays: number | null;
    trialEnd: number | null;
  };
  paymentIntentData: {
    metadata: Record<string, string>;
    description: string | null;
    receiptEmail: string | null;
    statementDescriptor: string | null;
    statementDescriptorSuffix: string | null;
  };
}

/** A subscription's billing cycles so far: periods are counted from the billing-cycle anchor. */
export interface SubscriptionBilling {
  cycles: number;
}

/**
 * The emulator's whole state, in memory for the process's lifetime. Objects are stored as the API returns them
 * (IDs for references); responses and event payloads are deep copies, so callers never alias stored objects.
 */
export class Store {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly products = new Map<string, Stripe.Product>();
  readonly prices = new Map<string, Stripe.Price>();
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly sessionExtras = new Map<string, SessionExtras>();
  readonly subscriptions = new Map<string, Stripe.Subscription>();
  readonly billing = new Map<string, SubscriptionBilling>();
  readonly invoices = new Map<string, Stripe.Invoice>();
  /** Invoice ID → its payments; `invoice.payments` is only rendered when expanded, as in Stripe. */
  readonly invoicePayments = new Map<string, Stripe.InvoicePayment[]>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  readonly portalSessions = new Map<string, Stripe.BillingPortal.Session>();
  /** Payment method ID → the test card behind it, for the portal's "Payment method" (no PaymentMethod objects). */
  readonly cards = new Map<string, { brand: "visa" | "mastercard"; last4: string }>();

  /** Finds any stored object by its ID prefix (used by `expand[]`). */
  lookup(id: string): object | undefined {
    const table: Array<[string, Map<string, object>]> = [
      ["cus_", this.customers],
      ["prod_", this.products],
      ["price_", this.prices],
      ["cs_", this.sessions],
      ["sub_", this.subscriptions],
      ["in_", this.invoices],
      ["pi_", this.paymentIntents],
      ["ch_", this.charges],
      ["re_", this.refunds],
      ["bps_", this.portalSessions],
    ];
    const entry = table.find(([prefix]) => id.startsWith(prefix));
    return entry?.[1].get(id);
  }
}

/** Reads a stored object or fails with Stripe's 404 `resource_missing`. */
export function must<T>(map: Map<string, T>, id: string, noun: string, param = "id"): T {
  const found = map.get(id);
  if (!found) throw resourceMissing(noun, id, param);
  return found;
}
