import Stripe from "stripe";
import { env, type Env } from "../env";

export const STRIPE_API_VERSION = "2026-10-28.endive";

/**
 * The one Stripe client. Without STRIPE_SECRET_KEY it points at the built-in emulator over HTTP: the same SDK,
 * the same requests, only another host. The emulator's code is never imported by the app.
 */
export function createStripeClient(config: Env = env()): Stripe {
  if (config.STRIPE_SECRET_KEY) {
    return new Stripe(config.STRIPE_SECRET_KEY, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: 2,
    });
  }
  const url = new URL(config.STRIPE_EMULATOR_URL);
  return new Stripe("sk_test_local_emulator", {
    apiVersion: STRIPE_API_VERSION,
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    protocol: url.protocol === "https:" ? "https" : "http",
    maxNetworkRetries: 2,
  });
}

let client: Stripe | undefined;

export function stripe(): Stripe {
  client ??= createStripeClient();
  return client;
}
