import type Stripe from "stripe";
import { z } from "zod";
import type { Emulator } from "../context";
import { invalidRequest } from "../errors";
import { buildPrice, buildProduct } from "../objects/catalog";
import { buildCustomer } from "../objects/customer";
import { buildInvoice, finalizeInvoice } from "../objects/invoice";
import { buildCharge, buildPaymentIntent, setChargeStatus } from "../objects/payment";
import { buildSubscription } from "../objects/subscription";

/**
 * History made elsewhere (the app's demo seed): customers with their subscription, invoices and one-time charges,
 * under the ids and dates the app's database already holds, so the portal, receipts and invoices open for them.
 * Stripe has no such API (its objects are only made by what happens to them); this is a test helper, and it
 * raises no events: the app recorded this history itself. Importing the same ids again replaces them.
 */
const seconds = z.number().int().nonnegative();
const money = { amount: z.number().int().nonnegative(), currency: z.string().regex(/^[a-z]{3}$/) };

export const importSchema = z.object({
  accounts: z
    .array(
      z.object({
        customer: z.object({
          id: z.string().startsWith("cus_"),
          email: z.email(),
          name: z.string().max(256),
          created: seconds,
        }),
        subscription: z
          .object({
            id: z.string().startsWith("sub_"),
            interval: z.enum(["month", "year"]),
            ...money,
            created: seconds,
            currentPeriodStart: seconds,
            currentPeriodEnd: seconds,
            status: z.enum(["active", "canceled"]),
            cancelAtPeriodEnd: z.boolean(),
            endedAt: seconds.nullable(),
          })
          .nullable(),
        invoices: z.array(
          z.object({
            id: z.string().startsWith("in_"),
            ...money,
            created: seconds,
            periodStart: seconds,
            periodEnd: seconds,
            paid: z.boolean(),
          }),
        ),
        charges: z.array(
          z.object({
            paymentIntent: z.string().startsWith("pi_"),
            charge: z.string().startsWith("ch_"),
            ...money,
            created: seconds,
            succeeded: z.boolean(),
            amountRefunded: z.number().int().nonnegative(),
            description: z.string().max(1000),
          }),
        ),
      }),
    )
    .max(1000),
});
export type ImportedAccounts = z.infer<typeof importSchema>;
type Account = ImportedAccounts["accounts"][number];

function importSubscription(
  emu: Emulator,
  account: Account,
  customer: Stripe.Customer,
): Stripe.Subscription | null {
  const input = account.subscription;
  if (!input) return null;
  const product = {
    ...buildProduct(`Membership (${input.interval}ly)`),
    created: input.created,
    updated: input.created,
  };
  const price = {
    ...buildPrice({
      product: product.id,
      currency: input.currency,
      unitAmount: input.amount,
      recurring: { interval: input.interval, interval_count: 1 },
    }),
    created: input.created,
  };
  emu.store.products.set(product.id, product);
  emu.store.prices.set(price.id, price);
  const built = buildSubscription({
    customer: customer.id,
    items: [{ price, quantity: 1 }],
    metadata: {},
    description: null,
    status: input.status,
    period: { start: input.currentPeriodStart, end: input.currentPeriodEnd },
    paymentMethod: null,
  });
  const subscription: Stripe.Subscription = {
    ...built,
    id: input.id,
    created: input.created,
    start_date: input.created,
    billing_cycle_anchor: input.created,
    cancel_at_period_end: input.cancelAtPeriodEnd,
    cancel_at: input.cancelAtPeriodEnd ? input.currentPeriodEnd : null,
    canceled_at: input.endedAt ?? null,
    ended_at: input.endedAt,
    items: {
      ...built.items,
      data: built.items.data.map((item) => ({
        ...item,
        subscription: input.id,
        created: input.created,
      })),
      url: `/v1/subscription_items?subscription=${input.id}`,
    },
  };
  emu.store.subscriptions.set(subscription.id, subscription);
  const intervalsSoFar = account.invoices.length;
  emu.store.billing.set(subscription.id, { cycles: Math.max(1, intervalsSoFar) });
  return subscription;
}

function importInvoices(
  emu: Emulator,
  account: Account,
  customer: Stripe.Customer,
  subscription: Stripe.Subscription,
): void {
  account.invoices.forEach((input, n) => {
    const period = {
      ...subscription,
      items: {
        ...subscription.items,
        data: subscription.items.data.map((i) => ({
          ...i,
          current_period_start: input.periodStart,
          current_period_end: input.periodEnd,
        })),
      },
    };
    const built = buildInvoice({
      subscription: period,
      customer,
      billingReason: n === 0 ? "subscription_create" : "subscription_cycle",
      period: { start: input.periodStart, end: input.periodStart },
      productName: () => "Membership",
    });
    const invoice: Stripe.Invoice = {
      ...built,
      id: input.id,
      created: input.created,
      lines: {
        ...built.lines,
        data: built.lines.data.map((l) => ({ ...l, invoice: input.id })),
        url: `/v1/invoices/${input.id}/lines`,
      },
    };
    finalizeInvoice(invoice, customer, emu.baseUrl);
    invoice.effective_at = input.created;
    invoice.attempted = true;
    invoice.attempt_count = 1;
    invoice.status_transitions = {
      ...invoice.status_transitions,
      finalized_at: input.created,
      paid_at: input.paid ? input.created : null,
    };
    if (input.paid) {
      invoice.status = "paid";
      invoice.amount_paid = invoice.amount_due;
      invoice.amount_remaining = 0;
      invoice.auto_advance = false;
    }
    emu.store.invoices.set(invoice.id, invoice);
    emu.store.invoicePayments.set(invoice.id, []);
    subscription.latest_invoice = invoice.id;
  });
}

function importCharges(emu: Emulator, account: Account, customer: Stripe.Customer): void {
  for (const input of account.charges) {
    const pi: Stripe.PaymentIntent = {
      ...buildPaymentIntent({
        amount: input.amount,
        currency: input.currency,
        customer: customer.id,
        description: input.description,
        metadata: {},
        receiptEmail: null,
      }),
      id: input.paymentIntent,
      created: input.created,
    };
    const built = buildCharge({
      paymentIntent: pi,
      method: "card",
      email: customer.email,
      name: customer.name ?? null,
      baseUrl: emu.baseUrl,
    });
    const charge: Stripe.Charge = {
      ...built,
      id: input.charge,
      created: input.created,
      receipt_url: `${emu.baseUrl}/receipts/${input.charge}`,
    };
    setChargeStatus(
      charge,
      input.succeeded ? "succeeded" : "failed",
      input.succeeded ? undefined : { code: "card_declined", message: "Your card was declined." },
    );
    charge.amount_refunded = input.amountRefunded;
    charge.refunded = input.amountRefunded >= input.amount && input.amount > 0;
    pi.latest_charge = charge.id;
    pi.payment_method = charge.payment_method;
    pi.status = input.succeeded ? "succeeded" : "requires_payment_method";
    pi.amount_received = input.succeeded ? input.amount : 0;
    emu.store.paymentIntents.set(pi.id, pi);
    emu.store.charges.set(charge.id, charge);
  }
}

export function importAccounts(
  emu: Emulator,
  body: unknown,
): {
  object: "emulator.import";
  customers: number;
  subscriptions: number;
  invoices: number;
  charges: number;
} {
  const parsed = importSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(`Invalid import: ${z.prettifyError(parsed.error)}`);
  const counts = { customers: 0, subscriptions: 0, invoices: 0, charges: 0 };
  for (const account of parsed.data.accounts) {
    const customer: Stripe.Customer = {
      ...buildCustomer({ email: account.customer.email, name: account.customer.name }),
      id: account.customer.id,
      created: account.customer.created,
    };
    emu.store.customers.set(customer.id, customer);
    const subscription = importSubscription(emu, account, customer);
    if (subscription) importInvoices(emu, account, customer, subscription);
    importCharges(emu, account, customer);
    counts.customers += 1;
    counts.subscriptions += subscription ? 1 : 0;
    counts.invoices += subscription ? account.invoices.length : 0;
    counts.charges += account.charges.length;
  }
  emu.changed();
  return { object: "emulator.import", ...counts };
}
