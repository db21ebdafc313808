import type { CheckoutStatus, PaymentStatus } from "../../../../generated/prisma/enums";
import { countFunnelStep } from "../../../ask/funnel";
import { linkReaderKey } from "../../../ask/link-reader";
import { advanceAttempt, findSessionAttempt } from "../../../checkout/attempts";
import { linkMembershipAttempt } from "../../../membership/memberships";
import { recordPayment } from "../../../membership/payments";
import { DEFAULT_CURRENCY } from "../../../rules/currencies";
import { resolveSupporter } from "../../../membership/supporters";
import type { EventHandler, HandlerContext } from "../context";
import { ensureMembership } from "../ensure-membership";
import { checkoutSessionObject, paymentIntentObject, type CheckoutSessionObject } from "../objects";
import { paymentFailureMessage } from "../payment-failure";

type Stage = "completed" | "async_succeeded" | "async_failed";

const ATTEMPT_STATUS: Record<PaymentStatus, CheckoutStatus> = {
  PENDING: "AWAITING_PAYMENT",
  SUCCEEDED: "COMPLETED",
  FAILED: "FAILED",
  PARTIALLY_REFUNDED: "COMPLETED",
  REFUNDED: "COMPLETED",
};

function paymentStatus(stage: Stage, session: CheckoutSessionObject): PaymentStatus {
  if (stage === "async_failed") return "FAILED";
  if (stage === "async_succeeded") return "SUCCEEDED";
  return session.payment_status === "unpaid" ? "PENDING" : "SUCCEEDED";
}

async function receiptUrl(ctx: HandlerContext, paymentIntentId: string): Promise<string | null> {
  const intent = paymentIntentObject.parse(
    await ctx.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] }),
  );
  return typeof intent.latest_charge === "object"
    ? (intent.latest_charge?.receipt_url ?? null)
    : null;
}

function applySession(stage: Stage): EventHandler {
  return async (ctx) => {
    const session = checkoutSessionObject.parse(ctx.event.data.object);
    if (session.mode === "setup") return "ignored";
    const status = paymentStatus(stage, session);
    // Asked of Stripe before taking any lock, so no row stays locked for the length of an API call.
    const receipt =
      session.mode === "payment" && session.payment_intent && status === "SUCCEEDED"
        ? await receiptUrl(ctx, session.payment_intent)
        : null;
    const failure =
      session.mode === "payment" && session.payment_intent && status === "FAILED"
        ? await paymentFailureMessage(ctx, session.payment_intent)
        : null;
    const attempt = await findSessionAttempt(
      ctx.tx,
      session.id,
      session.metadata.checkout_attempt_id ?? session.client_reference_id ?? null,
    );
    const supporterId = await resolveSupporter(ctx.tx, {
      customerId: session.customer,
      email: session.customer_details?.email,
      name: session.customer_details?.name,
    });
    let completed = false;

    if (attempt) {
      // An attempt only moves forward: a late "completed (unpaid)" never reopens a settled one. Decided by the
      // update on the row as it is now, not as read above: two events for one attempt applied at once (its
      // async_payment_failed and its completed) otherwise both saw it open, and the later commit set it back.
      const next = ATTEMPT_STATUS[status];
      const moved = await advanceAttempt(ctx.tx, attempt.id, next, {
        supporterId,
        stripeSessionId: attempt.stripeSessionId ?? session.id,
        completedAt: next === "AWAITING_PAYMENT" ? null : ctx.occurredAt,
      });
      completed = moved && next === "COMPLETED";
      // The browser that paid now belongs to this person: its "remind me later" choices follow them.
      if (attempt.readerKey) await linkReaderKey(ctx.tx, attempt.readerKey, supporterId);
    }

    if (session.mode === "payment" && session.payment_intent) {
      await recordPayment(ctx.tx, {
        stripeId: session.payment_intent,
        stripePaymentIntentId: session.payment_intent,
        supporterId,
        checkoutAttemptId: attempt?.id ?? null,
        kind: "ONE_TIME",
        status,
        amount: session.amount_total ?? 0,
        currency: session.currency ?? attempt?.currency ?? DEFAULT_CURRENCY,
        paidAt: status === "SUCCEEDED" ? ctx.occurredAt : null,
        failureMessage: status === "FAILED" ? (failure ?? "The payment did not go through.") : null,
        receiptUrl: receipt,
      });
    }
    if (session.mode === "subscription" && session.subscription) {
      // The money itself is recorded from the subscription's invoices, never twice from here.
      const membership = await ensureMembership(ctx, session.subscription);
      if (membership && attempt) await linkMembershipAttempt(ctx.tx, membership.id, attempt.id);
    }
    // Last: the day's funnel row is shared by every checkout on this surface, so it is locked only until commit.
    // Only a checkout the funnel counted (a reader's, not a script's) counts its payment: the steps add up.
    if (attempt?.inFunnel && completed) {
      await countFunnelStep(ctx.tx, "completions", {
        surface: attempt.surface,
        variant: attempt.variant,
        at: ctx.occurredAt,
      });
    }
    return "applied";
  };
}

export const checkoutSessionCompleted = applySession("completed");
export const checkoutSessionAsyncSucceeded = applySession("async_succeeded");
export const checkoutSessionAsyncFailed = applySession("async_failed");
