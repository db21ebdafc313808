import { betaQuantile, logBeta, normalCdf } from "./stats";

/**
 * The readout of an experiment: per variant the funnel, the conversion rate with a 95% credible interval,
 * revenue per 1,000 impressions per currency, and a Bayesian comparison with the control.
 *
 * The model. Each variant's conversion rate p (payments / impressions) gets a Beta(1, 1) (uniform) prior; after
 * S payments out of N impressions its posterior is Beta(1 + S, 1 + N − S). From the posteriors:
 * - "probability to beat control" is P(p_variant > p_control), computed exactly by Evan Miller's closed form
 *   for integer parameters (https://www.evanmiller.org/bayesian-ab-testing.html):
 *     P(p_B > p_A) = Σ_{i=0}^{α_B−1} B(α_A + i, β_A + β_B) / ((β_B + i) · B(1 + i, β_B) · B(α_A, β_A)),
 *   each term in log space with log-beta so nothing overflows; the sum runs over the smaller of the two α (by
 *   P(p_B > p_A) = 1 − P(p_A > p_B)). When both arms have more than NORMAL_APPROXIMATION_ABOVE payments, the
 *   sum would take that many terms, and each posterior is then so close to a normal (skewness below 0.01) that
 *   P(p_B − p_A > 0) under normal posteriors is used instead (its error is under 0.001, tested).
 * - the 95% credible interval is the equal-tailed one: the posterior's 2.5% and 97.5% quantiles;
 * - the expected relative uplift is E[p_B / p_A] − 1 = E[p_B] · E[1 / p_A] − 1, exactly
 *   α_B/(α_B+β_B) · (α_A+β_A−1)/(α_A−1) − 1; undefined (null) while the control has no payment.
 *
 * Looking every day. A posterior probability means the same thing whenever it is computed: it does not depend on
 * a sample size fixed in advance, so staff may look at the readout daily without the p-value inflation of a
 * fixed-horizon test. The honest caveat: "stop as soon as P ≥ 95%" is still a rule that, checked often enough,
 * sometimes stops on noise, more often when true differences are tiny (as they usually are) than the flat prior
 * assumes. Hence the guards in `decideExperiment`: a minimum of data before any verdict, a high threshold, and
 * the advice (README) to run a test over whole weeks. Revenue per 1,000 impressions has no posterior here: it is
 * shown for each currency, never added across currencies, and the verdict is about conversion.
 */

/** Above this many payments in BOTH arms, P(beat control) uses the normal approximation (see above). */
export const NORMAL_APPROXIMATION_ABOVE = 50_000;
/** The verdict's minimums: every arm at least this many impressions… */
export const MIN_IMPRESSIONS_PER_VARIANT = 100;
/** …and at least this many payments across the arms. */
export const MIN_PAYMENTS_IN_TEST = 10;
/** A verdict needs this probability to beat the control (or, for the control, that no variant beats it). */
export const DEFAULT_DECISION_PROBABILITY = 0.95;

/** One variant's counts, as the funnel recorded them. Revenue is integer minor units per ISO currency. */
export type VariantCounts = {
  variantId: string;
  /** The name staff gave the variant, for the verdict's wording; the id when absent. */
  name?: string;
  impressions: number;
  continues: number;
  checkouts: number;
  payments: number;
  revenue: Readonly<Record<string, number>>;
};

export type CredibleInterval = { low: number; high: number };

export type ControlComparison = {
  /** P(this variant's conversion rate > the control's), in [0, 1]. */
  probabilityToBeatControl: number;
  /** E[p_variant / p_control] − 1 (0.12 = 12% more conversions); null while the control has no payment. */
  expectedRelativeUplift: number | null;
  /** How the probability was computed. */
  method: "exact" | "normal-approximation";
};

export type VariantReadout = {
  variantId: string;
  name: string;
  isControl: boolean;
  impressions: number;
  continues: number;
  checkouts: number;
  payments: number;
  /** payments / impressions; null with no impression. */
  conversionRate: number | null;
  /** The 95% equal-tailed credible interval of the conversion rate under the Beta(1, 1) prior. */
  conversionInterval: CredibleInterval;
  /**
   * Revenue per 1,000 impressions, per currency, in that currency's minor units rounded to a whole unit (a rate
   * for display, not an amount of money to book); empty with no impression.
   */
  revenuePer1000Impressions: Record<string, number>;
  /** The comparison with the control; null for the control itself. */
  comparison: ControlComparison | null;
};

/**
 * The verdict, with a sentence for staff. `probability` is, for "variant-ahead", that variant's probability to
 * beat the control; for "control-ahead", the smallest probability that the control beats a variant (with one
 * variant: that the control beats it).
 */
export type Decision =
  | { kind: "not-enough-data"; message: string }
  | { kind: "variant-ahead"; variantId: string; probability: number; message: string }
  | { kind: "control-ahead"; probability: number; message: string }
  | { kind: "no-clear-difference"; message: string };

export type ExperimentReadout = { variants: VariantReadout[]; decision: Decision };

export type Posterior = { alpha: number; beta: number };

/** The Beta posterior of a conversion rate under the Beta(1, 1) prior. Payments beyond impressions (counters
 * flushed at different moments) count as zero failures rather than a negative number. */
export function conversionPosterior(impressions: number, payments: number): Posterior {
  return { alpha: 1 + payments, beta: 1 + Math.max(0, impressions - payments) };
}

/** P(p_b > p_a) for p_a ~ Beta(a.alpha, a.beta), p_b ~ Beta(b.alpha, b.beta), integer parameters. */
export function probabilityToBeat(
  a: Posterior,
  b: Posterior,
): { probability: number; method: ControlComparison["method"] } {
  if (a.alpha - 1 > NORMAL_APPROXIMATION_ABOVE && b.alpha - 1 > NORMAL_APPROXIMATION_ABOVE)
    return { probability: probabilityToBeatNormal(a, b), method: "normal-approximation" };
  return { probability: probabilityToBeatExact(a, b), method: "exact" };
}

/** Evan Miller's closed form, summing over the smaller α. Parameters must be positive integers. */
export function probabilityToBeatExact(a: Posterior, b: Posterior): number {
  for (const x of [a.alpha, a.beta, b.alpha, b.beta])
    if (!Number.isInteger(x) || x < 1)
      throw new RangeError(`The closed form needs integer parameters ≥ 1 (got ${x})`);
  if (b.alpha > a.alpha) return 1 - probabilityToBeatExact(b, a);
  const base = logBeta(a.alpha, a.beta);
  let total = 0;
  for (let i = 0; i < b.alpha; i++)
    total += Math.exp(
      logBeta(a.alpha + i, a.beta + b.beta) - Math.log(b.beta + i) - logBeta(1 + i, b.beta) - base,
    );
  return Math.min(1, Math.max(0, total));
}

/** P(p_b > p_a) with each posterior replaced by the normal of the same mean and variance. */
export function probabilityToBeatNormal(a: Posterior, b: Posterior): number {
  const mean = (p: Posterior) => p.alpha / (p.alpha + p.beta);
  const variance = (p: Posterior) =>
    (p.alpha * p.beta) / ((p.alpha + p.beta) ** 2 * (p.alpha + p.beta + 1));
  return normalCdf((mean(b) - mean(a)) / Math.sqrt(variance(a) + variance(b)));
}

/** E[p_b / p_a] − 1; null when E[1 / p_a] is infinite (α_a ≤ 1: the control has no payment). */
export function expectedRelativeUplift(control: Posterior, variant: Posterior): number | null {
  if (control.alpha <= 1) return null;
  const variantMean = variant.alpha / (variant.alpha + variant.beta);
  const inverseControlMean = (control.alpha + control.beta - 1) / (control.alpha - 1);
  return variantMean * inverseControlMean - 1;
}

/** The equal-tailed credible interval of a Beta posterior (95% by default). */
export function credibleInterval(posterior: Posterior, mass = 0.95): CredibleInterval {
  const tail = (1 - mass) / 2;
  return {
    low: betaQuantile(tail, posterior.alpha, posterior.beta),
    high: betaQuantile(1 - tail, posterior.alpha, posterior.beta),
  };
}

function assertCount(value: number, what: string, variantId: string) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} of ${variantId} must be a non-negative integer (got ${value})`);
}

/** The readout of an experiment's arms; the first is the control. */
export function readExperiment(
  arms: readonly VariantCounts[],
  options: { decisionProbability?: number } = {},
): ExperimentReadout {
  if (arms.length < 2) throw new RangeError("A readout needs the control and at least one variant");
  for (const arm of arms) {
    for (const key of ["impressions", "continues", "checkouts", "payments"] as const)
      assertCount(arm[key], key, arm.variantId);
    for (const [currency, amount] of Object.entries(arm.revenue))
      assertCount(amount, `revenue in ${currency}`, arm.variantId);
  }
  const control = arms[0]!;
  const controlPosterior = conversionPosterior(control.impressions, control.payments);
  const variants = arms.map((arm, index): VariantReadout => {
    const posterior = conversionPosterior(arm.impressions, arm.payments);
    const revenuePer1000Impressions: Record<string, number> = {};
    if (arm.impressions > 0)
      for (const [currency, amount] of Object.entries(arm.revenue))
        revenuePer1000Impressions[currency] = Math.round((amount * 1000) / arm.impressions);
    let comparison: ControlComparison | null = null;
    if (index > 0) {
      const { probability, method } = probabilityToBeat(controlPosterior, posterior);
      comparison = {
        probabilityToBeatControl: probability,
        expectedRelativeUplift: expectedRelativeUplift(controlPosterior, posterior),
        method,
      };
    }
    return {
      variantId: arm.variantId,
      name: arm.name ?? arm.variantId,
      isControl: index === 0,
      impressions: arm.impressions,
      continues: arm.continues,
      checkouts: arm.checkouts,
      payments: arm.payments,
      conversionRate: arm.impressions > 0 ? arm.payments / arm.impressions : null,
      conversionInterval: credibleInterval(posterior),
      revenuePer1000Impressions,
      comparison,
    };
  });
  return { variants, decision: decideExperiment(variants, options) };
}

/** A probability as a whole percentage for people, never rounded up to the threshold (94.6% is not "95%"). */
function percent(probability: number, round: "down" | "up" = "down"): string {
  return `${(round === "down" ? Math.floor : Math.ceil)(probability * 100)}%`;
}

/**
 * The verdict staff read at the top of the readout. Before the minimums (every arm ≥ 100 impressions, the test
 * ≥ 10 payments) it says "not enough data yet". Then: the variant with the highest probability to beat the
 * control is "ahead" when that probability reaches the threshold (95% by default); the control is "ahead" when
 * every variant's probability is at most 1 − threshold; otherwise there is no clear difference yet.
 * With several variants the best of them is the likeliest to pass the threshold by chance: a reason to keep
 * tests to few variants (the definition allows six at most).
 */
export function decideExperiment(
  variants: readonly VariantReadout[],
  { decisionProbability = DEFAULT_DECISION_PROBABILITY }: { decisionProbability?: number } = {},
): Decision {
  const short = variants.filter((v) => v.impressions < MIN_IMPRESSIONS_PER_VARIANT);
  const payments = variants.reduce((s, v) => s + v.payments, 0);
  if (short.length > 0 || payments < MIN_PAYMENTS_IN_TEST) {
    const needs: string[] = [];
    if (short.length > 0)
      needs.push(
        `every variant needs at least ${MIN_IMPRESSIONS_PER_VARIANT} impressions (${short
          .map((v) => `${v.name} has ${v.impressions}`)
          .join(", ")})`,
      );
    if (payments < MIN_PAYMENTS_IN_TEST)
      needs.push(`the test needs at least ${MIN_PAYMENTS_IN_TEST} payments (it has ${payments})`);
    return { kind: "not-enough-data", message: `Not enough data yet: ${needs.join("; ")}.` };
  }
  const challengers = variants.filter((v) => v.comparison);
  const best = challengers.reduce((a, b) =>
    b.comparison!.probabilityToBeatControl > a.comparison!.probabilityToBeatControl ? b : a,
  );
  const bestProbability = best.comparison!.probabilityToBeatControl;
  if (bestProbability >= decisionProbability)
    return {
      kind: "variant-ahead",
      variantId: best.variantId,
      probability: bestProbability,
      message: `${best.name} is ahead with ${percent(bestProbability)} probability to beat the control.`,
    };
  if (bestProbability <= 1 - decisionProbability) {
    const control = variants[0]!;
    const probability = 1 - bestProbability;
    return {
      kind: "control-ahead",
      probability,
      message:
        challengers.length === 1
          ? `The control (${control.name}) is ahead with ${percent(probability)} probability to beat ${best.name}.`
          : `The control (${control.name}) is ahead: each variant has at most ${percent(bestProbability, "up")} probability to beat it.`,
    };
  }
  return {
    kind: "no-clear-difference",
    message: `No clear difference yet: the best variant, ${best.name}, has ${percent(bestProbability)} probability to beat the control.`,
  };
}
