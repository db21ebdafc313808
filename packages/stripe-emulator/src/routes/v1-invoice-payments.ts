import type Stripe from "stripe";
import { list } from "../http";
import type { Router } from "../router";
import type { ApiHandler } from "./types";

/**
 * `GET /v1/invoice_payments`: the invoice payments of an invoice, or of a payment intent
 * (`payment[type]=payment_intent&payment[payment_intent]=pi_…`): in this API version the only way from a
 * payment intent or charge to its invoice (charges and intents no longer name it). Newest first, `limit` only.
 */
const listInvoicePayments: ApiHandler = ({ emu, params }) => {
  params.allowOnly(["invoice", "payment", "status", "limit"]);
  const limit = params.int("limit", { min: 1, max: 100 }) ?? 10;
  const invoice = params.str("invoice");
  const payment = params.child("payment")?.allowOnly(["type", "payment_intent", "payment_record"]);
  const type = payment?.oneOf("type", ["payment_intent", "payment_record"], { required: true });
  const paymentIntent = payment?.str("payment_intent");
  const status = params.oneOf("status", ["canceled", "open", "paid"]);
  const all: Stripe.InvoicePayment[] = [...emu.store.invoicePayments.values()].flat();
  const matching = all
    .filter(
      (p) =>
        (invoice === undefined || p.invoice === invoice) &&
        (type === undefined || p.payment.type === type) &&
        (paymentIntent === undefined || p.payment.payment_intent === paymentIntent) &&
        (status === undefined || p.status === status),
    )
    .sort((a, b) => b.created - a.created);
  return list(
    structuredClone(matching.slice(0, limit)),
    "/v1/invoice_payments",
    matching.length > limit,
  );
};

export function invoicePaymentRoutes(router: Router<ApiHandler>): void {
  router.on("GET", "/v1/invoice_payments", listInvoicePayments);
}
