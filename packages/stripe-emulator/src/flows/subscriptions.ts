import type Stripe from "stripe";
import type { Emulator } from "../context";
import { updateAndEmit } from "../diff";
import { cardDeclined, invalidRequest } from "../errors";
import { newId } from "../ids";
import { buildPrice, planOf } from "../objects/catalog";
import { mergeMetadata, type Params } from "../params";
import { must } from "../store";
import { now, periodBoundary, type Interval } from "../time";
import { announceAndFinalize, chargeInvoice, draftInvoice } from "./invoices";

const ENDED: ReadonlyArray<Stripe.Subscription.Status> = ["canceled", "incomplete_expired"];

export function getSubscription(emu: Emulator, id: string): Stripe.Subscription {
  return must(emu.store.subscriptions, id, "subscription");
}

function assertLive(subscription: Stripe.Subscription, action: string): void {
  if (ENDED.includes(subscription.status)) {
    throw invalidRequest(
      `A ${subscription.status} subscription can't be ${action}; only its metadata can change.`,
    );
  }
}

function periodEnd(subscription: Stripe.Subscription): number {
  return subscription.items.data[0]?.current_period_end ?? now();
}

function setPeriod(subscription: Stripe.Subscription, start: number, end: number): void {
  for (const item of subscription.items.data) {
    item.current_period_start = start;
    item.current_period_end = end;
  }
}

/** Ends the subscription now (or at `endedAt`, the period end for a scheduled cancellation). */
export function cancelSubscription(
  emu: Emulator,
  subscription: Stripe.Subscription,
  endedAt = now(),
): Stripe.Subscription {
  assertLive(subscription, "canceled");
  subscription.status = subscription.status === "incomplete" ? "incomplete_expired" : "canceled";
  subscription.canceled_at = subscription.canceled_at ?? now();
  subscription.ended_at = endedAt;
  subscription.cancellation_details = {
    comment: subscription.cancellation_details?.comment ?? null,
    feedback: subscription.cancellation_details?.feedback ?? null,
    feedback_option: subscription.cancellation_details?.feedback_option ?? null,
    reason: subscription.cancellation_details?.reason ?? "cancellation_requested",
  };
  emu.emit("customer.subscription.deleted", subscription);
  return subscription;
}

/** The latest invoice if it is still waiting for payment (a failed renewal). */
function unpaidInvoice(
  emu: Emulator,
  subscription: Stripe.Subscription,
): Stripe.Invoice | undefined {
  const invoice = emu.store.invoices.get(String(subscription.latest_invoice));
  return invoice?.status === "open" ? invoice : undefined;
}

/**
 * What happens at the end of a billing period, with the renewal payment succeeding or failing:
 * - an unpaid (failed) renewal invoice is retried first, as Stripe's retries would, without a new period;
 * - a subscription set to cancel at period end ends instead (customer.subscription.deleted);
 * - otherwise the period advances (customer.subscription.updated) and a `subscription_cycle` invoice is created,
 *   finalized and charged; a failure makes the subscription `past_due`.
 * Returns the invoice charged, or the ended subscription.
 */
export function renewSubscription(
  emu: Emulator,
  subscription: Stripe.Subscription,
  succeed: boolean,
): Stripe.Invoice | Stripe.Subscription {
  assertLive(subscription, "renewed");
  if (subscription.status === "incomplete") {
    throw invalidRequest(
      "This subscription's first payment has not settled yet; complete its Checkout Session first.",
    );
  }
  const method = succeed ? "card" : "declined_card";
  const paymentMethod =
    typeof subscription.default_payment_method === "string"
      ? subscription.default_payment_method
      : null;
  const open = unpaidInvoice(emu, subscription);
  if (open) {
    if (chargeInvoice(emu, open, method, paymentMethod) === "succeeded") {
      updateAndEmit(
        emu,
        "customer.subscription.updated",
        subscription,
        (s) => void (s.status = "active"),
      );
    }
    return open;
  }
  if (subscription.cancel_at_period_end)
    return cancelSubscription(emu, subscription, periodEnd(subscription));

  const billing = emu.store.billing.get(subscription.id) ?? { cycles: 1 };
  const recurring = subscription.items.data[0]?.price.recurring ?? {
    interval: "month",
    interval_count: 1,
  };
  const previous = {
    start: subscription.items.data[0]?.current_period_start ?? now(),
    end: periodEnd(subscription),
  };
  billing.cycles += 1;
  emu.store.billing.set(subscription.id, billing);
  const end = periodBoundary(
    subscription.billing_cycle_anchor,
    recurring.interval as Interval,
    recurring.interval_count,
    billing.cycles,
  );
  let invoice: Stripe.Invoice | undefined;
  updateAndEmit(emu, "customer.subscription.updated", subscription, (s) => {
    if (s.status === "trialing") s.status = "active"; // the trial ends: its first paid period starts
    setPeriod(s, previous.end, end);
    invoice = draftInvoice(emu, s, "subscription_cycle", previous);
  });
  const created = invoice as Stripe.Invoice;
  announceAndFinalize(emu, created);
  if (chargeInvoice(emu, created, method, paymentMethod) === "failed") {
    updateAndEmit(
      emu,
      "customer.subscription.updated",
      subscription,
      (s) => void (s.status = "past_due"),
    );
  }
  return created;
}

/** The changes `POST /v1/subscriptions/:id` and the portal can make, applied as one customer.subscription.updated. */
export interface SubscriptionChanges {
  cancelAtPeriodEnd?: boolean;
  metadata?: ReturnType<Params["metadata"]>;
  description?: string | null;
  /** New amount (and optionally currency/interval) for one item: a new price on the same product. */
  price?: { itemId: string; unitAmount: number };
}

export function updateSubscription(
  emu: Emulator,
  subscription: Stripe.Subscription,
  changes: SubscriptionChanges,
): Stripe.Subscription {
  if (changes.cancelAtPeriodEnd !== undefined || changes.price) assertLive(subscription, "updated");
  updateAndEmit(emu, "customer.subscription.updated", subscription, (s) => {
    if (
      changes.cancelAtPeriodEnd !== undefined &&
      changes.cancelAtPeriodEnd !== s.cancel_at_period_end
    ) {
      const cancel = changes.cancelAtPeriodEnd;
      s.cancel_at_period_end = cancel;
      s.cancel_at = cancel ? periodEnd(s) : null;
      s.canceled_at = cancel ? now() : null;
      s.cancellation_details = {
        comment: null,
        feedback: null,
        feedback_option: null,
        reason: cancel ? "cancellation_requested" : null,
      };
    }
    if (changes.metadata) s.metadata = mergeMetadata(s.metadata, changes.metadata);
    if (changes.description !== undefined) s.description = changes.description;
    if (changes.price) changePrice(emu, s, changes.price.itemId, changes.price.unitAmount);
  });
  return subscription;
}

function changePrice(
  emu: Emulator,
  subscription: Stripe.Subscription,
  itemId: string,
  unitAmount: number,
): void {
  const item = subscription.items.data.find((i) => i.id === itemId);
  if (!item)
    throw invalidRequest(
      `No such subscription item: '${itemId}'`,
      "items[0][id]",
      "resource_missing",
    );
  if (item.price.unit_amount === unitAmount) return;
  // Stripe never edits a price: the item moves to a new price on the same product (no proration here).
  const recurring = item.price.recurring ?? { interval: "month", interval_count: 1 };
  const price = buildPrice({
    product: String(item.price.product),
    currency: item.price.currency,
    unitAmount,
    recurring: {
      interval: recurring.interval as Interval,
      interval_count: recurring.interval_count,
    },
  });
  emu.store.prices.set(price.id, price);
  item.price = price;
  item.plan = planOf(price);
}

/**
 * The portal's "Update card": Stripe checks the card first (a declined card changes nothing, with Stripe's
 * decline), then makes it the customer's default (customer.updated) and each live subscription's
 * (customer.subscription.updated). Later payments (renewals, retries) use it.
 */
export function updateCard(
  emu: Emulator,
  customerId: string,
  card: { brand: "visa" | "mastercard"; last4: string; declines: boolean },
): void {
  if (card.declines) throw cardDeclined("Your card was declined. Try another card.");
  const customer = must(emu.store.customers, customerId, "customer");
  const paymentMethod = newId("pm_");
  emu.store.cards.set(paymentMethod, { brand: card.brand, last4: card.last4 });
  updateAndEmit(emu, "customer.updated", customer, (c) => {
    c.invoice_settings = { ...c.invoice_settings, default_payment_method: paymentMethod };
  });
  for (const subscription of emu.store.subscriptions.values()) {
    if (subscription.customer !== customerId || ENDED.includes(subscription.status)) continue;
    updateAndEmit(
      emu,
      "customer.subscription.updated",
      subscription,
      (s) => void (s.default_payment_method = paymentMethod),
    );
  }
}
