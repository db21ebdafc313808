import type Stripe from "stripe";
import samples from "./samples.json" with { type: "json" };

/**
 * Stripe's published sample object of each resource (from its OpenAPI fixtures), the starting point of every
 * object the emulator builds: builders override identity, amounts, state and every placeholder value, so the
 * shape (including fields the app never reads) stays Stripe's.
 */
export type SampleName = keyof typeof samples;

export function sample<T>(name: SampleName, drop: readonly string[] = []): T {
  const copy = structuredClone(samples[name]) as Record<string, unknown>;
  // Samples can carry fields that the pinned API version no longer has (e.g. `invoice.subscription`).
  for (const key of drop) delete copy[key];
  return copy as T;
}

/** Decimal fields are strings on the wire; the SDK turns them into its Decimal type when it reads a response. */
export function decimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}

export const NULL_ADDRESS = {
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
};
