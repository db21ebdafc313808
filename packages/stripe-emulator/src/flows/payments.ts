import type Stripe from "stripe";
import type { Emulator } from "../context";
import { buildCharge, buildPaymentIntent, setChargeStatus, type Method } from "../objects/payment";

export function createPaymentIntent(
  emu: Emulator,
  input: Parameters<typeof buildPaymentIntent>[0],
): Stripe.PaymentIntent {
  const pi = buildPaymentIntent(input);
  emu.store.paymentIntents.set(pi.id, pi);
  return pi;
}

const DECLINE = { code: "card_declined", message: "Your card was declined." };
const DEBIT_FAILURE = {
  code: "insufficient_funds",
  message: "The customer's account has insufficient funds to cover this payment.",
};

function lastPaymentError(
  charge: Stripe.Charge,
  failure: { code: string; message: string },
): Stripe.PaymentIntent.LastPaymentError {
  return {
    charge: charge.id,
    code: failure.code,
    ...(failure.code === "card_declined" ? { decline_code: "generic_decline" } : {}),
    doc_url: `https://docs.stripe.com/error-codes/${failure.code.replaceAll("_", "-")}`,
    message: failure.message,
    payment_method_type: charge.payment_method_details?.type ?? "card",
    type: failure.code === "card_declined" ? "card_error" : "invalid_request_error",
  };
}

/** Applies a charge's final or pending state to its payment intent. */
function syncIntent(
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  failure?: { code: string; message: string },
): void {
  pi.latest_charge = charge.id;
  pi.payment_method = charge.payment_method;
  if (charge.status === "succeeded") {
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    pi.last_payment_error = null;
  } else if (charge.status === "pending") {
    pi.status = "processing";
  } else {
    pi.status = "requires_payment_method";
    pi.last_payment_error = failure ? lastPaymentError(charge, failure) : null;
  }
}

/**
 * One payment attempt on a payment intent: a new charge that succeeds (card), is declined (decline card) or stays
 * pending (bank debit, settled later by `settleDebit`). A failed intent can be attempted again, as in Stripe.
 * Raises no events: callers emit them in Stripe's order (see `emitPaymentEvents`).
 */
export function attemptPayment(
  emu: Emulator,
  pi: Stripe.PaymentIntent,
  method: Method,
  billing: { email: string | null; name: string | null; paymentMethod?: string | null },
): Stripe.Charge {
  const charge = buildCharge({
    paymentIntent: pi,
    method,
    email: billing.email,
    name: billing.name,
    baseUrl: emu.baseUrl,
  });
  if (billing.paymentMethod) charge.payment_method = billing.paymentMethod;
  const status =
    method === "card" ? "succeeded" : method === "declined_card" ? "failed" : "pending";
  const failure = method === "declined_card" ? DECLINE : undefined;
  setChargeStatus(charge, status, failure);
  emu.store.charges.set(charge.id, charge);
  syncIntent(pi, charge, failure);
  return charge;
}

/** Bank debits settle days later in reality; here when a test or the hosted page says so. */
export function settleDebit(
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  succeeded: boolean,
): void {
  setChargeStatus(
    charge,
    succeeded ? "succeeded" : "failed",
    succeeded ? undefined : DEBIT_FAILURE,
  );
  syncIntent(pi, charge, succeeded ? undefined : DEBIT_FAILURE);
}

/** payment_intent.* then charge.*, matching the state the attempt left them in. */
export function emitPaymentEvents(
  emu: Emulator,
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
): void {
  if (charge.status === "succeeded") {
    emu.emit("payment_intent.succeeded", pi);
    emu.emit("charge.succeeded", charge);
  } else if (charge.status === "pending") {
    emu.emit("payment_intent.processing", pi);
    emu.emit("charge.pending", charge);
  } else {
    emu.emit("payment_intent.payment_failed", pi);
    emu.emit("charge.failed", charge);
  }
}

export function latestCharge(emu: Emulator, pi: Stripe.PaymentIntent): Stripe.Charge | undefined {
  return typeof pi.latest_charge === "string" ? emu.store.charges.get(pi.latest_charge) : undefined;
}
