/**
 * The special functions the experiments' statistics need, implemented from the standard references so that no
 * statistics library is pulled in for a handful of formulas:
 * - log Γ by the Lanczos approximation (g = 7, 9 coefficients; relative error below 1e-15 for x > 0);
 * - the regularized lower incomplete gamma P(a, x) by its series and Q = 1 − P by Lentz's continued fraction
 *   (Numerical Recipes, 3rd ed., §6.2), giving the chi-square distribution and the normal distribution (erf);
 * - the regularized incomplete beta I_x(a, b) by its continued fraction (NR §6.4), and its inverse (the Beta
 *   quantile) by NR's `invbetai`: a starting guess refined by Halley steps, with bisection as a safety net.
 * Accuracy is tested against published tables and scipy values in stats.test.ts.
 */

const LANCZOS_FIRST = 0.99999999999980993;
const LANCZOS_REST = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs a positive argument (got ${x})`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS_FIRST;
  for (const [i, coefficient] of LANCZOS_REST.entries()) sum += coefficient / (z + i + 1);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X > x) for X chi-square distributed with `degreesOfFreedom` degrees of freedom: the test's p-value. */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}

/** The standard normal CDF Φ(z), through erf(t) = P(1/2, t²). */
export function normalCdf(z: number): number {
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? 1 - tail : tail;
}

export type ChiSquareResult = { statistic: number; degreesOfFreedom: number; pValue: number };

/**
 * Pearson's chi-square goodness-of-fit test: do the observed counts fit the expected proportions? (A small
 * p-value says they do not.) Categories expected to be empty are left out, unless something was observed in
 * one, which no share explains (p = 0).
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  expectedProportions: readonly number[],
): ChiSquareResult {
  if (observed.length !== expectedProportions.length)
    throw new RangeError("Give one expected proportion per observed count");
  const total = observed.reduce((s, n) => s + n, 0);
  const proportionTotal = expectedProportions.reduce((s, p) => s + p, 0);
  let statistic = 0;
  let categories = 0;
  for (const [i, count] of observed.entries()) {
    const expected = (total * expectedProportions[i]!) / proportionTotal;
    if (expected === 0) {
      if (count > 0) return { statistic: Infinity, degreesOfFreedom: categories, pValue: 0 };
      continue;
    }
    statistic += (count - expected) ** 2 / expected;
    categories++;
  }
  const degreesOfFreedom = categories - 1;
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/**
 * Pearson's chi-square test of independence on a contingency table (rows: one factor's levels, columns: the
 * other's): a small p-value says the two are related. Empty rows and columns are left out.
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquareResult {
  const rowTotals = table.map((row) => row.reduce((s, n) => s + n, 0));
  const columnCount = Math.max(0, ...table.map((row) => row.length));
  const columnTotals = Array.from({ length: columnCount }, (_, j) =>
    table.reduce((s, row) => s + (row[j] ?? 0), 0),
  );
  const total = rowTotals.reduce((s, n) => s + n, 0);
  let statistic = 0;
  for (const [i, row] of table.entries()) {
    for (const [j, columnTotal] of columnTotals.entries()) {
      const expected = (rowTotals[i]! * columnTotal) / total;
      if (expected > 0) statistic += ((row[j] ?? 0) - expected) ** 2 / expected;
    }
  }
  const rows = rowTotals.filter((n) => n > 0).length;
  const columns = columnTotals.filter((n) => n > 0).length;
  const degreesOfFreedom = (rows - 1) * (columns - 1);
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/** The regularized incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
  // The continued fraction converges fast for x below the mean-ish point; above it, use the symmetry
  // I_x(a, b) = 1 − I_{1−x}(b, a).
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The Beta(a, b) quantile: the x with I_x(a, b) = p. Numerical Recipes' `invbetai` (3rd ed., §6.14.10):
 * an approximate start (Abramowitz & Stegun 26.5.22 when a, b ≥ 1), then Halley steps on the CDF; if those
 * did not land within 1e-12 of p, bisection on the CDF (monotone, so it always converges) finishes the job.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`Beta parameters must be positive (got ${a}, ${b})`);
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const a1 = a - 1;
  const b1 = b - 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w =
      (z * Math.sqrt(al + h)) / h -
      (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const afac = -logBeta(a, b);
  for (let j = 0; j < 20; j++) {
    if (x <= 0 || x >= 1) break;
    const err = regularizedIncompleteBeta(x, a, b) - p;
    let t = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    const u = err / t;
    t = u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    x -= t;
    if (x <= 0) x = 0.5 * (x + t);
    if (x >= 1) x = 0.5 * (x + t + 1);
    if (Math.abs(t) < 1e-14 * x && j > 0) break;
  }
  if (x > 0 && x < 1 && Math.abs(regularizedIncompleteBeta(x, a, b) - p) < 1e-12) return x;
  let low = 0;
  let high = 1;
  for (let i = 0; i < 200 && high - low > 1e-16; i++) {
    const mid = (low + high) / 2;
    if (regularizedIncompleteBeta(mid, a, b) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
