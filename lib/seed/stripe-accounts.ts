/**
 * The Stripe side of the seeded history: each seeded supporter's customer, subscription, invoices and one-time
 * payments with the same ids the database rows carry, so that in test mode the Stripe emulator can hold them too
 * (portal, receipts, invoices). Plain data (timestamps in Unix seconds, amounts in minor units, lower-case
 * currencies, as Stripe writes them); scripts/db/seed.ts hands it to the emulator.
 */
export type SeedSubscription = {
  id: string;
  interval: "month" | "year";
  amount: number;
  currency: string;
  created: number;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  status: "active" | "canceled";
  cancelAtPeriodEnd: boolean;
  endedAt: number | null;
};

export type SeedInvoice = {
  id: string;
  amount: number;
  currency: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  paid: boolean;
};

export type SeedCharge = {
  paymentIntent: string;
  charge: string;
  amount: number;
  currency: string;
  created: number;
  succeeded: boolean;
  amountRefunded: number;
  description: string;
};

export type SeedStripeAccount = {
  customer: { id: string; email: string; name: string; created: number };
  subscription: SeedSubscription | null;
  invoices: SeedInvoice[];
  charges: SeedCharge[];
};

/** Where seeded receipts and invoices link: the emulator's pages in test mode, else placeholders. */
export type SeedLinks = {
  receipt(chargeId: string, paymentIntentId: string): string;
  invoice(invoiceId: string): string;
};

export const PLACEHOLDER_LINKS: SeedLinks = {
  receipt: (_charge, paymentIntent) => `https://pay.stripe.com/receipts/seed/${paymentIntent}`,
  invoice: (invoice) => `https://invoice.stripe.com/i/seed/${invoice}`,
};

/** The emulator's own receipt and invoice pages (`/receipts/:charge`, `/invoices/:invoice`). */
export function emulatorLinks(baseUrl: string): SeedLinks {
  const base = baseUrl.replace(/\/$/, "");
  return {
    receipt: (charge) => `${base}/receipts/${charge}`,
    invoice: (invoice) => `${base}/invoices/${invoice}`,
  };
}

export const unix = (date: Date) => Math.floor(date.getTime() / 1000);
