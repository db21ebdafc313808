import type Stripe from "stripe";
import { newId } from "../ids";
import { now } from "../time";
import { sample } from "./sample";

export function buildPortalSession(input: {
  customer: string;
  returnUrl: string | null;
  baseUrl: string;
}): Stripe.BillingPortal.Session {
  const id = newId("bps_");
  return {
    ...sample<Stripe.BillingPortal.Session>("billing_portal.session"),
    id,
    configuration: "bpc_emulator_default",
    created: now(),
    customer: input.customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `${input.baseUrl}/p/session/${id}`,
  };
}
