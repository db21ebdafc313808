import { attemptExists } from "../../../checkout/attempts";
import type Stripe from "stripe";
import type { PaymentStatus } from "../../../../generated/prisma/enums";
import { applyMembershipSnapshot } from "../../../membership/memberships";
import { recordPayment } from "../../../membership/payments";
import { resolveSupporter } from "../../../membership/supporters";
import type { EventHandler, HandlerContext } from "../context";
import { ensureMembership, readSubscription } from "../ensure-membership";
import { invoiceObject, type InvoiceObject } from "../objects";
import { paymentFailureMessage } from "../payment-failure";

/** Invoices list their payments only when expanded; webhook payloads usually leave them out. */
async function invoicePaymentIntent(
  ctx: HandlerContext,
  invoice: InvoiceObject,
): Promise<string | null> {
  let payments = invoice.payments?.data;
  if (!payments) {
    const expanded = await ctx.stripe.invoices.retrieve(invoice.id, { expand: ["payments"] });
    payments = invoiceObject.parse(expanded).payments?.data ?? [];
  }
  return payments.find((p) => p.payment.payment_intent)?.payment.payment_intent ?? null;
}

async function checkoutAttemptOf(
  ctx: HandlerContext,
  invoice: InvoiceObject,
): Promise<string | null> {
  const id = invoice.parent?.subscription_details?.metadata.checkout_attempt_id;
  if (!id || invoice.billing_reason !== "subscription_create") return null;
  return (await attemptExists(ctx.tx, id)) ? id : null;
}

/**
 * Stripe creates a subscription `incomplete` and makes it `active` when its first invoice is paid; the
 * customer.subscription.updated that says so may come later (or after retries). A paid invoice for a membership
 * still recorded as incomplete re-reads the subscription, so the membership is active with its payment.
 */
async function activateIfIncomplete(
  ctx: HandlerContext,
  subscriptionId: string,
  membership: { supporterId: string; status: string },
): Promise<void> {
  if (membership.status !== "INCOMPLETE") return;
  // Stamped with the event's second, not now: a later event in the same second then re-reads instead of losing.
  const snapshot = await readSubscription(ctx, subscriptionId, new Date(ctx.event.created * 1000));
  if (snapshot)
    await applyMembershipSnapshot(ctx.tx, membership.supporterId, snapshot, async () => snapshot);
}

function settle(status: Extract<PaymentStatus, "SUCCEEDED" | "FAILED">): EventHandler {
  return async (ctx) => {
    const invoice = invoiceObject.parse(ctx.event.data.object as Stripe.Invoice);
    const subscriptionId = invoice.parent?.subscription_details?.subscription;
    if (!subscriptionId) return "ignored"; // a one-off invoice: not a membership payment
    const paymentIntentId = await invoicePaymentIntent(ctx, invoice); // before any lock is taken
    // Why it failed is the payment's own error (a decline, insufficient funds), not the invoice's: the invoice's
    // last_finalization_error is about finalizing it (tax, a missing address), and is null for a decline.
    const failure =
      status === "FAILED"
        ? ((paymentIntentId ? await paymentFailureMessage(ctx, paymentIntentId) : null) ??
          invoice.last_finalization_error?.message ??
          "The payment was declined.")
        : null;
    const supporterId = await resolveSupporter(ctx.tx, {
      customerId: invoice.customer,
      email: invoice.customer_email,
      name: invoice.customer_name,
    });
    const membership = await ensureMembership(ctx, subscriptionId);
    if (!membership) return "ignored";
    if (status === "SUCCEEDED") await activateIfIncomplete(ctx, subscriptionId, membership);
    const paidAt = invoice.status_transitions?.paid_at;
    await recordPayment(ctx.tx, {
      stripeId: invoice.id,
      stripePaymentIntentId: paymentIntentId,
      supporterId,
      membershipId: membership.id,
      checkoutAttemptId: await checkoutAttemptOf(ctx, invoice),
      kind: "RECURRING",
      status,
      amount: status === "SUCCEEDED" ? invoice.amount_paid : invoice.amount_due,
      currency: invoice.currency,
      paidAt: status === "SUCCEEDED" ? new Date((paidAt ?? invoice.created) * 1000) : null,
      failureMessage: failure,
      receiptUrl: invoice.hosted_invoice_url ?? null,
    });
    return "applied";
  };
}

/** invoice.paid: a first payment or a renewal, added to the subscription's membership. */
export const invoicePaid = settle("SUCCEEDED");
/** invoice.payment_failed: recorded for staff; the membership's status follows the subscription's events. */
export const invoicePaymentFailed = settle("FAILED");
