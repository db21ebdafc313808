import { invalidParam } from "../errors";
import { createRefund } from "../flows/refunds";
import { paginate } from "./pagination";
import { createdFilter } from "./v1-events";
import type { Router } from "../router";
import { retrieveStored, type ApiHandler } from "./types";

const refund: ApiHandler = ({ emu, params }) => {
  params.stripeOnly(
    [
      "amount",
      "charge",
      "currency",
      "customer",
      "instructions_email",
      "metadata",
      "origin",
      "payment_intent",
      "reason",
      "refund_application_fee",
      "reverse_transfer",
    ],
    ["amount", "charge", "instructions_email", "metadata", "payment_intent", "reason"],
  );
  const paymentIntent = params.str("payment_intent");
  const charge = params.str("charge");
  if (!paymentIntent && !charge) {
    throw invalidParam(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "payment_intent",
    );
  }
  if (paymentIntent && charge)
    throw invalidParam(
      "You may only specify one of these parameters: charge, payment_intent.",
      "charge",
    );
  return createRefund(emu, {
    paymentIntent,
    charge,
    amount: params.int("amount", { min: 1 }),
    reason: params.oneOf("reason", ["duplicate", "fraudulent", "requested_by_customer"]) ?? null,
    metadata: params.metadata()?.set ?? {},
  });
};

/** `GET /v1/refunds`: newest first, optionally for one charge or payment intent, with cursor pagination. */
const listRefunds: ApiHandler = ({ emu, params }) => {
  params.allowOnly([
    "charge",
    "payment_intent",
    "created",
    "limit",
    "starting_after",
    "ending_before",
  ]);
  const charge = params.str("charge");
  const paymentIntent = params.str("payment_intent");
  const created = createdFilter(params);
  const refunds = [...emu.store.refunds.values()]
    .filter(
      (r) =>
        (charge === undefined || r.charge === charge) &&
        (paymentIntent === undefined || r.payment_intent === paymentIntent) &&
        created(r.created),
    )
    .reverse();
  return paginate(structuredClone(refunds), params, "/v1/refunds", "refund");
};

export function paymentRoutes(router: Router<ApiHandler>): void {
  router
    .on(
      "GET",
      "/v1/payment_intents/:id",
      retrieveStored((store) => store.paymentIntents, "payment_intent"),
    )
    .on(
      "GET",
      "/v1/charges/:id",
      retrieveStored((store) => store.charges, "charge"),
    )
    .on("POST", "/v1/refunds", refund)
    .on("GET", "/v1/refunds", listRefunds)
    .on(
      "GET",
      "/v1/refunds/:id",
      retrieveStored((store) => store.refunds, "refund"),
    );
}
