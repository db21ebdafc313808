import type Stripe from "stripe";
import type { Emulator } from "../context";
import { updateAndEmit } from "../diff";
import { invalidRequest } from "../errors";
import { formatMoney } from "../objects/money";
import { buildRefund } from "../objects/refund";
import { must } from "../store";

export interface RefundInput {
  paymentIntent?: string;
  charge?: string;
  amount?: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}

function chargeToRefund(emu: Emulator, input: RefundInput): Stripe.Charge {
  if (input.charge) return must(emu.store.charges, input.charge, "charge", "charge");
  const pi = must(
    emu.store.paymentIntents,
    input.paymentIntent ?? "",
    "payment_intent",
    "payment_intent",
  );
  const charge =
    typeof pi.latest_charge === "string" ? emu.store.charges.get(pi.latest_charge) : undefined;
  if (pi.status !== "succeeded" || !charge) {
    throw invalidRequest(
      `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
      "payment_intent",
      "charge_not_refundable",
    );
  }
  return charge;
}

/**
 * A refund, full by default or partial with `amount`. Refunds succeed at once; the charge accumulates
 * `amount_refunded` and becomes `refunded` when nothing is left. Events: charge.refunded, then refund.created.
 */
export function createRefund(emu: Emulator, input: RefundInput): Stripe.Refund {
  const charge = chargeToRefund(emu, input);
  if (charge.status !== "succeeded")
    throw invalidRequest(
      `Charge ${charge.id} has not succeeded and cannot be refunded.`,
      "charge",
      "charge_not_refundable",
    );
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0)
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      undefined,
      "charge_already_refunded",
    );
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatMoney(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(remaining, charge.currency)})`,
      "amount",
      "amount_too_large",
    );
  }
  const refund = buildRefund({ charge, amount, reason: input.reason, metadata: input.metadata });
  emu.store.refunds.set(refund.id, refund);
  updateAndEmit(emu, "charge.refunded", charge, (c) => {
    c.amount_refunded += amount;
    c.refunded = c.amount_refunded >= c.amount;
  });
  emu.emit("refund.created", refund);
  return refund;
}

/** A charge's refunds, newest first, for `expand[]=refunds`. */
export function refundsOf(emu: Emulator, chargeId: string): Stripe.Refund[] {
  return [...emu.store.refunds.values()].filter((r) => r.charge === chargeId).reverse();
}
