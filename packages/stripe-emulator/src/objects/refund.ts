import type Stripe from "stripe";
import { newId } from "../ids";
import { now } from "../time";
import { sample } from "./sample";

export function buildRefund(input: {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}): Stripe.Refund {
  const { charge } = input;
  const card = charge.payment_method_details?.type === "card";
  return {
    ...sample<Stripe.Refund>("refund"),
    id: newId("re_"),
    amount: input.amount,
    balance_transaction: newId("txn_"),
    charge: charge.id,
    created: now(),
    currency: charge.currency,
    customer: typeof charge.customer === "string" ? charge.customer : null,
    destination_details: card
      ? {
          type: "card",
          card: {
            reference: newId("ref_"),
            reference_status: "pending",
            reference_type: "acquirer_reference_number",
            type: "refund",
          },
        }
      : { type: charge.payment_method_details?.type ?? "unknown" },
    metadata: { ...input.metadata },
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    status: "succeeded",
  };
}
