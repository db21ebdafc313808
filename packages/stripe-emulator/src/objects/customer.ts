import type Stripe from "stripe";
import { newId, randomToken } from "../ids";
import { now } from "../time";
import { sample } from "./sample";

export function buildCustomer(input: {
  email: string | null;
  name: string | null;
}): Stripe.Customer {
  return {
    ...sample<Stripe.Customer>("customer"),
    id: newId("cus_"),
    created: now(),
    email: input.email,
    name: input.name,
    address: null,
    balance: 0,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    metadata: {},
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}
