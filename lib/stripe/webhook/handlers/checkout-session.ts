import type { CheckoutStatus, PaymentStatus } from "../../../../generated/prisma/enums";
import { countFunnelStep } from "../../../ask/funnel";
import { linkReaderKey } from "../../../ask/link-reader";
import { recordPayment } from "../../../membership/payments";
import { resolveSupporter } from "../../../membership/supporters";
import type { EventHandler, HandlerContext } from "../context";
import { ensureMembership } from "../ensure-membership";
import { checkoutSessionObject, paymentIntentObject, type CheckoutSessionObject } from "../objects";

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

async function findAttempt(ctx: HandlerContext, session: CheckoutSessionObject) {
  const id = session.metadata.checkout_attempt_id ?? session.client_reference_id;
  return ctx.tx.checkoutAttempt.findFirst({ where: { OR: [{ stripeSessionId: session.id }, ...(id ? [{ id }] : [])] } });
}

async function receiptUrl(ctx: HandlerContext, paymentIntentId: string): Promise<string | null> {
  const intent = paymentIntentObject.parse(await ctx.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] }));
  return typeof intent.latest_charge === "object" ? (intent.latest_charge?.receipt_url ?? null) : null;
}

function applySession(stage: Stage): EventHandler {
  return async (ctx) => {
    const session = checkoutSessionObject.parse(ctx.event.data.object);
    if (session.mode === "setup") return "ignored";
    const attempt = await findAttempt(ctx, session);
    const supporterId = await resolveSupporter(ctx.tx, {
      customerId: session.customer,
      email: session.customer_details?.email,
      name: session.customer_details?.name,
    });
    const status = paymentStatus(stage, session);

    if (attempt) {
      // An attempt only moves forward: a late "completed (unpaid)" never reopens a settled one.
      const settled = attempt.status === "COMPLETED" || attempt.status === "FAILED";
      const next = ATTEMPT_STATUS[status];
      await ctx.tx.checkoutAttempt.update({
        where: { id: attempt.id },
        data: {
          supporterId,
          stripeSessionId: attempt.stripeSessionId ?? session.id,
          ...(settled ? {} : { status: next, completedAt: next === "AWAITING_PAYMENT" ? null : ctx.occurredAt }),
        },
      });
      if (!settled && next === "COMPLETED") {
        await countFunnelStep(ctx.tx, "completions", { surface: attempt.surface, variant: attempt.variant, at: ctx.occurredAt });
      }
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
        currency: session.currency ?? attempt?.currency ?? "usd",
        paidAt: status === "SUCCEEDED" ? ctx.occurredAt : null,
        failureMessage: status === "FAILED" ? "The payment did not go through." : null,
        receiptUrl: status === "SUCCEEDED" ? await receiptUrl(ctx, session.payment_intent) : null,
      });
    }
    if (session.mode === "subscription" && session.subscription) {
      // The money itself is recorded from the subscription's invoices, never twice from here.
      const membership = await ensureMembership(ctx, session.subscription);
      if (membership && attempt) {
        await ctx.tx.membership.updateMany({
          where: { id: membership.id, checkoutAttemptId: null },
          data: { checkoutAttemptId: attempt.id },
        });
      }
    }
    return "applied";
  };
}

export const checkoutSessionCompleted = applySession("completed");
export const checkoutSessionAsyncSucceeded = applySession("async_succeeded");
export const checkoutSessionAsyncFailed = applySession("async_failed");
