import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  chiSquareGoodnessOfFit,
  chiSquareIndependence,
  chiSquareSurvival,
  logGamma,
  normalCdf,
  regularizedIncompleteBeta,
} from "./stats";

describe("logGamma", () => {
  it("matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});

describe("chiSquareSurvival", () => {
  // Upper-tail critical values at 0.001 from the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.4
  // (https://www.itl.nist.gov/div898/handbook/eda/section3/eda3674.htm): 10.828, 13.816, 16.266, 18.467, 20.515.
  it.each([
    [1, 10.828],
    [2, 13.816],
    [3, 16.266],
    [4, 18.467],
    [5, 20.515],
  ])(
    "gives p = 0.001 at the published critical value for %i degrees of freedom",
    (df, critical) => {
      // The table rounds to three decimals, which moves p by less than 2e-6.
      expect(chiSquareSurvival(critical, df)).toBeCloseTo(0.001, 5);
    },
  );

  it("matches scipy.stats.chi2.sf (scipy 1.17.1) in the body and the far tail", () => {
    expect(chiSquareSurvival(10, 3)).toBeCloseTo(0.01856613546304325, 12);
    expect(chiSquareSurvival(25.5, 4) / 3.990690561894304e-5).toBeCloseTo(1, 10);
    // 2 degrees of freedom: the survival is exactly e^(−x/2).
    expect(chiSquareSurvival(7, 2)).toBeCloseTo(Math.exp(-3.5), 14);
  });
});

describe("chi-square tests", () => {
  it("computes Pearson's statistic for a goodness of fit (a fair die's textbook case)", () => {
    // 60 rolls, expected 10 each: Σ(O−E)²/E = (4+1+1+9+4+9)/10 = 2.8 on 5 degrees of freedom.
    const fit = chiSquareGoodnessOfFit([12, 9, 11, 7, 8, 13], [1, 1, 1, 1, 1, 1]);
    expect(fit.statistic).toBeCloseTo(2.8, 12);
    expect(fit.degreesOfFreedom).toBe(5);
    expect(fit.pValue).toBeCloseTo(chiSquareSurvival(2.8, 5), 14);
  });

  it("says p = 0 when a category with no share was observed", () => {
    expect(chiSquareGoodnessOfFit([5, 1], [1, 0]).pValue).toBe(0);
  });

  it("computes the test of independence on a 2×2 table", () => {
    // [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]], statistic 4/12 + 4/18 + 4/28 + 4/42 = 0.79365…
    const result = chiSquareIndependence([
      [10, 20],
      [30, 40],
    ]);
    expect(result.statistic).toBeCloseTo(4 / 12 + 4 / 18 + 4 / 28 + 4 / 42, 12);
    expect(result.degreesOfFreedom).toBe(1);
  });
});

describe("normalCdf", () => {
  it("gives the familiar quantiles", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches a published value: 4 wins and 6 losses give P(p > 1/2) = 0.274414", () => {
    // Rémi Coulom, "Proving something is better", CCC forum, 22 Dec 2002
    // (https://www.stmintz.com/ccc/index.php?id=272539): P(p1 > p0) = 0.274414 for 4 wins, 6 losses, uniform
    // prior — the Beta(5, 7) posterior's mass above 1/2, exactly 562/2048.
    expect(1 - regularizedIncompleteBeta(0.5, 5, 7)).toBeCloseTo(0.274414, 6);
    expect(1 - regularizedIncompleteBeta(0.5, 5, 7)).toBeCloseTo(562 / 2048, 14);
  });

  it("is the identity for Beta(1, 1) and x² for Beta(2, 1)", () => {
    for (const x of [0.01, 0.3, 0.77]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedIncompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 14);
    }
  });
});

describe("betaQuantile", () => {
  it("is linear for Beta(1, 1) and has median 1/2 for Beta(2, 2)", () => {
    for (const p of [0.025, 0.5, 0.975]) expect(betaQuantile(p, 1, 1)).toBeCloseTo(p, 12);
    expect(betaQuantile(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });

  // Reference values: scipy.stats.beta.ppf(q, a, b), scipy 1.17.1.
  it.each([
    [0.025, 11, 91, 0.055637223835302965],
    [0.975, 11, 91, 0.17455282607711903],
    [0.025, 2, 2, 0.09429932405024609],
    [0.975, 2, 2, 0.9057006759497539],
    [0.025, 1, 1001, 2.529219561584832e-5],
    [0.975, 1, 1001, 0.003678412265034924],
    [0.5, 5, 7, 0.41189040905815666],
    [0.001, 0.5, 0.5, 2.4673990709169446e-6],
    [0.025, 201, 9801, 0.01743804741072506],
    [0.975, 201, 9801, 0.02293563465314448],
  ])("gives the %f quantile of Beta(%f, %f) as scipy does", (q, a, b, expected) => {
    expect(betaQuantile(q, a, b) / expected).toBeCloseTo(1, 9);
  });

  it("inverts the CDF across shapes, including large counts", () => {
    for (const [a, b] of [
      [1, 1],
      [3, 500],
      [0.7, 2.5],
      [50_001, 950_001],
    ] as const)
      for (const p of [0.001, 0.025, 0.5, 0.975, 0.999])
        expect(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 10);
  });
});
