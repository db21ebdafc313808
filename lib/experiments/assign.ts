import type { Experiment } from "./definition";

/**
 * Deterministic assignment of a reader to an experiment: the same reader key and experiment id always give the
 * same answer, on every page, every visit, every app instance and in the browser embed, with no database query
 * and nothing stored.
 *
 * The algorithm (exact, so the embed can re-implement it in ~20 lines and agree with the server):
 * 1. `message` = UTF-8 bytes of `experimentId + "\n" + readerKey` (an id is a slug, so it never holds "\n" and
 *    the pair is unambiguous).
 * 2. Three draws, each `murmurHash3x86_32(message, seed) / 2^32`, a number in [0, 1), with a different seed
 *    per question, so the answers are independent of one another:
 *    - seed 0x5f3759a1 (TRAFFIC_SEED): in the test iff draw < trafficShare / 100; otherwise "not-in-test";
 *    - seed 0x2c1b3c6d (HOLDBACK_SEED): in the holdback iff draw < holdback / 100; then "holdback";
 *    - seed 0x6a09e667 (VARIANT_SEED): draw × (sum of weights) falls in one variant's slice, the slices laid
 *      end to end in the variants' order (the control first); a zero weight is an empty slice.
 * MurmurHash3 x86 32-bit is Austin Appleby's public-domain hash (smhasher's MurmurHash3_x86_32): fast, full
 * avalanche, and small. It is not a secret: a reader who knows their key can predict their variant, which is
 * harmless for an ask.
 *
 * Different experiments hash different messages, so two concurrent tests split readers independently (a reader
 * in variant B of one test is no likelier to be in any given variant of another); assign.test.ts checks this
 * with a chi-square test of independence over 100,000 simulated readers.
 *
 * Bandit mode and stickiness. The bandit (bandit.ts) changes the weights from time to time. The variant draw
 * does NOT include a weights version: a reader keeps the same draw for the life of the test, and a new set of
 * weights only moves the readers whose draw falls where the slices moved (going from 50/50 to 60/40 moves
 * about 10% of readers, from B to A, and nobody else). The Guardian re-draws at each weight update instead,
 * which makes each period's allocation independent of the previous one but re-shuffles about half the readers
 * each time. We chose stickiness because a reader who sees a different appeal on every visit muddles what we
 * measure (a payment after seeing both) and feels odd; the cost is that the readers who move are the ones
 * whose draws sit next to a boundary, which carries no information about them, so the comparison stays fair.
 * Callers should still update weights rarely (hourly or daily), not per view.
 */

export type Assignment =
  { kind: "not-in-test" } | { kind: "holdback" } | { kind: "variant"; variantId: string };

/** What assignment needs to know about an experiment. */
export type AssignableExperiment = Pick<
  Experiment,
  "id" | "trafficShare" | "holdback" | "variants" | "mode"
>;

export const TRAFFIC_SEED = 0x5f3759a1;
export const HOLDBACK_SEED = 0x2c1b3c6d;
export const VARIANT_SEED = 0x6a09e667;

const encoder = new TextEncoder();

/** MurmurHash3_x86_32 of the bytes with the seed, as an unsigned 32-bit integer. */
export function murmurHash3x86_32(bytes: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const length = bytes.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const j = i * 4;
    let k = bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks * 4;
  const rest = length & 3;
  if (rest > 0) {
    let k = 0;
    if (rest === 3) k ^= bytes[tail + 2]! << 16;
    if (rest >= 2) k ^= bytes[tail + 1]! << 8;
    k ^= bytes[tail]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The reader's draw in [0, 1) for one question (seed) of one experiment. */
export function assignmentDraw(experimentId: string, readerKey: string, seed: number): number {
  return murmurHash3x86_32(assignmentMessage(experimentId, readerKey), seed) / 4294967296;
}

function assignmentMessage(experimentId: string, readerKey: string): Uint8Array {
  return encoder.encode(`${experimentId}\n${readerKey}`);
}

/**
 * Which arm of the experiment the reader sees. `readerKey` is the reader's stable anonymous id (the one the
 * signed cookie and the embed share); any string works, the same string always gives the same answer. It does not check that the experiment is running (ask
 * `isRunningAt` first). In bandit mode pass the bandit's current `weights` (variant id → any non-negative
 * number; a variant left out weighs 0); without them the variants' shares are used, as in split mode.
 */
export function assignReader(
  experiment: AssignableExperiment,
  readerKey: string,
  options: { weights?: Readonly<Record<string, number>> } = {},
): Assignment {
  if (options.weights && experiment.mode !== "bandit")
    throw new Error(
      `Experiment ${experiment.id} splits by fixed shares: bandit weights do not apply`,
    );
  // Encoded once: the three draws hash the same bytes with different seeds.
  const message = assignmentMessage(experiment.id, readerKey);
  const draw = (seed: number) => murmurHash3x86_32(message, seed) / 4294967296;
  if (!(draw(TRAFFIC_SEED) < experiment.trafficShare / 100)) return { kind: "not-in-test" };
  if (draw(HOLDBACK_SEED) < experiment.holdback / 100) return { kind: "holdback" };
  const weights = experiment.variants.map((v) => {
    const weight = options.weights ? (options.weights[v.id] ?? 0) : v.share;
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`Variant ${v.id} of ${experiment.id} has an invalid weight (${weight})`);
    return weight;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0))
    throw new RangeError(`Experiment ${experiment.id} has no variant with a positive weight`);
  const point = draw(VARIANT_SEED) * total;
  let end = 0;
  let last = 0;
  for (const [i, weight] of weights.entries()) {
    if (weight === 0) continue;
    end += weight;
    last = i;
    if (point < end) return { kind: "variant", variantId: experiment.variants[i]!.id };
  }
  // Only reachable by floating-point rounding of non-integer weights: the point belongs to the last slice.
  return { kind: "variant", variantId: experiment.variants[last]!.id };
}
