import { conversionPosterior } from "./readout";
import { createRandom, sampleBeta } from "./random";

/**
 * Thompson sampling for the bandit mode: each variant's share of the test's traffic is the probability that it
 * has the best conversion rate (payments / impressions), estimated by Monte Carlo from the Beta(1 + payments,
 * 1 + impressions − payments) posteriors (the readout's model), then lifted to a floor so that no variant
 * starves and the test keeps learning about all of them:
 *
 *   share_i = floor + (1 − n · floor) · P(variant i is best)
 *
 * which keeps every share ≥ floor and the shares adding up to 1. The reward is conversion, not revenue: revenue
 * comes in several currencies that cannot be added, and a payment is the event the ask exists for.
 *
 * The Monte Carlo uses a seeded generator, so the same counts and seed give the same weights everywhere: pass,
 * e.g., the number of the weights update as the seed. `draws` sets the precision: the standard error of a share
 * is at most 0.5 / √draws (0.005 at the default 10,000 draws), far below what moving traffic needs.
 * Feed the result to `assignReader(experiment, key, { weights })`; see assign.ts for how readers stay put
 * when weights change.
 */

export type BanditArm = { variantId: string; impressions: number; payments: number };

export type BanditOptions = {
  /** The least share of the test's traffic each variant keeps, as a fraction (0.1 = 10%); n · floor ≤ 1. */
  floor?: number;
  /** Monte Carlo draws. */
  draws?: number;
  /** The generator's seed. */
  seed: number;
};

export const DEFAULT_BANDIT_FLOOR = 0.1;
export const DEFAULT_BANDIT_DRAWS = 10_000;

/** Each variant's share of the test's traffic (fractions adding up to 1), keyed by variant id in arm order. */
export function banditWeights(
  arms: readonly BanditArm[],
  { floor = DEFAULT_BANDIT_FLOOR, draws = DEFAULT_BANDIT_DRAWS, seed }: BanditOptions,
): Record<string, number> {
  if (arms.length === 0) throw new RangeError("A bandit needs at least one arm");
  if (!(floor >= 0) || floor * arms.length > 1)
    throw new RangeError(
      `A floor of ${floor} cannot be kept by ${arms.length} arms (it must be at most 1/${arms.length})`,
    );
  if (!Number.isSafeInteger(draws) || draws < 1)
    throw new RangeError(`Draws must be a positive integer (got ${draws})`);
  for (const arm of arms)
    if (![arm.impressions, arm.payments].every((n) => Number.isSafeInteger(n) && n >= 0))
      throw new RangeError(`The counts of ${arm.variantId} must be non-negative integers`);
  const random = createRandom(seed);
  const posteriors = arms.map((arm) => conversionPosterior(arm.impressions, arm.payments));
  const wins = new Array<number>(arms.length).fill(0);
  for (let draw = 0; draw < draws; draw++) {
    let best = 0;
    let bestValue = -1;
    for (let i = 0; i < posteriors.length; i++) {
      const { alpha, beta } = posteriors[i]!;
      const value = sampleBeta(random, alpha, beta);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best]!++;
  }
  const free = 1 - arms.length * floor;
  const weights: Record<string, number> = {};
  arms.forEach((arm, i) => {
    weights[arm.variantId] = floor + (free * wins[i]!) / draws;
  });
  return weights;
}
