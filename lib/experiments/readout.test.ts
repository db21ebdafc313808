import { describe, expect, it } from "vitest";
import { createRandom, sampleBeta } from "./random";
import {
  MIN_IMPRESSIONS_PER_VARIANT,
  NORMAL_APPROXIMATION_ABOVE,
  credibleInterval,
  expectedRelativeUplift,
  probabilityToBeat,
  probabilityToBeatExact,
  probabilityToBeatNormal,
  readExperiment,
  type VariantCounts,
} from "./readout";

function arm(
  variantId: string,
  impressions: number,
  payments: number,
  extra: Partial<VariantCounts> = {},
): VariantCounts {
  return { variantId, impressions, continues: 0, checkouts: 0, payments, revenue: {}, ...extra };
}

describe("probabilityToBeatExact (Evan Miller's closed form)", () => {
  it("gives the exact values small cases have by hand", () => {
    // Equal posteriors: 1/2. Beta(2,1) against a uniform: ∫ 2x · x dx = 2/3. Beta(2,1) against Beta(1,2):
    // ∫ 2x · (1 − (1 − x)²) dx = 5/6.
    expect(probabilityToBeatExact({ alpha: 1, beta: 1 }, { alpha: 1, beta: 1 })).toBeCloseTo(
      0.5,
      14,
    );
    expect(probabilityToBeatExact({ alpha: 7, beta: 40 }, { alpha: 7, beta: 40 })).toBeCloseTo(
      0.5,
      12,
    );
    expect(probabilityToBeatExact({ alpha: 1, beta: 1 }, { alpha: 2, beta: 1 })).toBeCloseTo(
      2 / 3,
      14,
    );
    expect(probabilityToBeatExact({ alpha: 1, beta: 2 }, { alpha: 2, beta: 1 })).toBeCloseTo(
      5 / 6,
      14,
    );
  });

  it("reproduces published values: ankane/field_test's tests of the same formula", () => {
    // field_test (a Rails A/B testing gem) implements Miller's formula as prob_b_beats_a(αA, βA, αB, βB) and
    // publishes its expected values in https://github.com/ankane/field_test/blob/master/test/calculations_test.rb:
    // (1, 2, 3, 4) → 0.6428571428571429, (55, 50, 30, 30) → 0.38386463776317903, (50, 50, 35, 30) → 0.6867997222295887.
    expect(probabilityToBeatExact({ alpha: 1, beta: 2 }, { alpha: 3, beta: 4 })).toBeCloseTo(
      0.6428571428571429,
      12,
    );
    expect(probabilityToBeatExact({ alpha: 55, beta: 50 }, { alpha: 30, beta: 30 })).toBeCloseTo(
      0.38386463776317903,
      12,
    );
    expect(probabilityToBeatExact({ alpha: 50, beta: 50 }, { alpha: 35, beta: 30 })).toBeCloseTo(
      0.6867997222295887,
      12,
    );
    // And its worked experiment (test/prob_winning_test.rb, test_two_variants): 35 readers see red, 15 green;
    // reader i converts if i < 10 or i is a multiple of 3, so red converts 18 of 35 and green 5 of 15; with
    // Beta(1, 1) priors red wins with probability 0.8722609845723905.
    expect(
      probabilityToBeatExact({ alpha: 1 + 5, beta: 1 + 10 }, { alpha: 1 + 18, beta: 1 + 17 }),
    ).toBeCloseTo(0.8722609845723905, 12);
  });

  it("matches a textbook case: 3 heads in 10 tosses against 5 in 9", () => {
    // The two-coin example of https://sitmo.com/?p=1652 (after John D. Cook, "Exact calculation of beta
    // inequalities"): Beta(6, 5) against Beta(4, 8). Expected value from scipy 1.17.1's numerical integration,
    // quad(beta.pdf(x, 6, 5) * beta.cdf(x, 4, 8), 0, 1) = 0.857942367230293.
    expect(probabilityToBeatExact({ alpha: 4, beta: 8 }, { alpha: 6, beta: 5 })).toBeCloseTo(
      0.857942367230293,
      12,
    );
  });

  it("matches scipy's numerical integration at an ask's scale (100 vs 130 payments in 10,000 impressions)", () => {
    expect(
      probabilityToBeatExact({ alpha: 101, beta: 9901 }, { alpha: 131, beta: 9871 }),
    ).toBeCloseTo(0.9765621012245805, 9);
  });

  it("is symmetric: P(B > A) + P(A > B) = 1", () => {
    const a = { alpha: 31, beta: 900 };
    const b = { alpha: 45, beta: 1200 };
    expect(probabilityToBeatExact(a, b) + probabilityToBeatExact(b, a)).toBeCloseTo(1, 12);
  });

  it("agrees with a Monte Carlo estimate from seeded Beta draws", () => {
    // 200,000 draws: the estimate's standard error is √(p(1−p)/n) ≤ 0.0011, so 0.005 is over 4.5 of them
    // (a wrong formula, e.g. swapping α and β of one arm, is off by far more).
    const random = createRandom(42);
    const cases = [
      [
        { alpha: 4, beta: 8 },
        { alpha: 6, beta: 5 },
      ],
      [
        { alpha: 21, beta: 980 },
        { alpha: 30, beta: 971 },
      ],
      [
        { alpha: 3, beta: 60 },
        { alpha: 2, beta: 70 },
      ],
    ] as const;
    for (const [a, b] of cases) {
      const draws = 200_000;
      let wins = 0;
      for (let i = 0; i < draws; i++)
        if (sampleBeta(random, b.alpha, b.beta) > sampleBeta(random, a.alpha, a.beta)) wins++;
      expect(Math.abs(wins / draws - probabilityToBeatExact(a, b))).toBeLessThan(0.005);
    }
  });

  it("rejects non-integer parameters, for which the closed form does not hold", () => {
    expect(() => probabilityToBeatExact({ alpha: 1.5, beta: 2 }, { alpha: 1, beta: 1 })).toThrow(
      /integer/,
    );
  });
});

describe("probabilityToBeat (exact, or normal above the threshold)", () => {
  it("uses the normal approximation only when both arms have more than the threshold's payments", () => {
    const big = { alpha: NORMAL_APPROXIMATION_ABOVE + 2, beta: 950_001 };
    const small = { alpha: 200, beta: 9800 };
    expect(probabilityToBeat(big, { alpha: big.alpha + 400, beta: 949_601 }).method).toBe(
      "normal-approximation",
    );
    expect(probabilityToBeat(big, small).method).toBe("exact");
  });

  it("agrees with the exact sum where the switch happens (within 1e-5; scipy: 0.9023941130)", () => {
    const a = { alpha: 50_001, beta: 950_001 };
    const b = { alpha: 50_401, beta: 949_601 };
    expect(probabilityToBeatExact(a, b)).toBeCloseTo(0.9023941130374281, 8);
    expect(Math.abs(probabilityToBeatNormal(a, b) - probabilityToBeatExact(a, b))).toBeLessThan(
      1e-5,
    );
  });
});

describe("credibleInterval and expectedRelativeUplift", () => {
  it("gives the posterior's 2.5% and 97.5% quantiles (scipy.stats.beta.ppf(…, 101, 9901))", () => {
    const interval = credibleInterval({ alpha: 101, beta: 9901 });
    expect(interval.low).toBeCloseTo(0.00823311, 8);
    expect(interval.high).toBeCloseTo(0.01214829, 8);
    const uniform = credibleInterval({ alpha: 1, beta: 1 });
    expect(uniform.low).toBeCloseTo(0.025, 12);
    expect(uniform.high).toBeCloseTo(0.975, 12);
  });

  it("is E[p_B]·E[1/p_A] − 1, matching a Monte Carlo mean of p_B / p_A − 1", () => {
    const control = { alpha: 21, beta: 980 };
    const variant = { alpha: 30, beta: 971 };
    const exact = expectedRelativeUplift(control, variant)!;
    expect(exact).toBeCloseTo((30 / 1001) * (1000 / 20) - 1, 12);
    const random = createRandom(9);
    let sum = 0;
    const draws = 200_000;
    for (let i = 0; i < draws; i++)
      sum +=
        sampleBeta(random, variant.alpha, variant.beta) /
          sampleBeta(random, control.alpha, control.beta) -
        1;
    // The ratio's standard deviation is about 0.4 here, so the mean's standard error is about 0.001.
    expect(Math.abs(sum / draws - exact)).toBeLessThan(0.006);
  });

  it("is undefined while the control has no payment", () => {
    expect(expectedRelativeUplift({ alpha: 1, beta: 500 }, { alpha: 3, beta: 500 })).toBeNull();
  });
});

describe("readExperiment", () => {
  it("reads each variant's funnel, rate, interval and revenue per 1,000 impressions per currency", () => {
    const readout = readExperiment([
      arm("control", 10_000, 100, {
        continues: 900,
        checkouts: 400,
        revenue: { EUR: 500_000, USD: 12_345 },
      }),
      arm("warm", 10_000, 130, {
        name: "Warm appeal",
        continues: 1000,
        checkouts: 450,
        revenue: { EUR: 650_000 },
      }),
    ]);
    const [control, warm] = readout.variants;
    expect(control).toMatchObject({
      variantId: "control",
      name: "control",
      isControl: true,
      continues: 900,
      checkouts: 400,
      conversionRate: 0.01,
      comparison: null,
      // 12,345 cents over 10,000 impressions: 1,234.5 per 1,000, shown as a whole cent; currencies apart.
      revenuePer1000Impressions: { EUR: 50_000, USD: 1235 },
    });
    expect(warm).toMatchObject({
      name: "Warm appeal",
      conversionRate: 0.013,
      revenuePer1000Impressions: { EUR: 65_000 },
    });
    expect(warm!.comparison!.probabilityToBeatControl).toBeCloseTo(0.9765621012245805, 9);
    expect(warm!.comparison!.method).toBe("exact");
    expect(warm!.comparison!.expectedRelativeUplift).toBeCloseTo(
      (131 / 10_002) * (10_001 / 100) - 1,
      12,
    );
    expect(warm!.conversionInterval.low).toBeCloseTo(0.01096304, 8);
    expect(readout.decision).toEqual({
      kind: "variant-ahead",
      variantId: "warm",
      probability: warm!.comparison!.probabilityToBeatControl,
      message: "Warm appeal is ahead with 97% probability to beat the control.",
    });
  });

  it("has no rate or revenue rate without impressions", () => {
    const [, empty] = readExperiment([
      arm("control", 500, 5),
      arm("b", 0, 0, { revenue: { EUR: 0 } }),
    ]).variants;
    expect(empty!.conversionRate).toBeNull();
    expect(empty!.revenuePer1000Impressions).toEqual({});
  });

  it("refuses negative or fractional counts and money that is not whole minor units", () => {
    expect(() => readExperiment([arm("control", -1, 0), arm("b", 10, 0)])).toThrow(
      /non-negative integer/,
    );
    expect(() =>
      readExperiment([arm("control", 10, 0, { revenue: { EUR: 10.5 } }), arm("b", 10, 0)]),
    ).toThrow(/revenue in EUR/);
  });
});

describe("the decision", () => {
  it("waits for the minimums, and says which are missing", () => {
    const { decision } = readExperiment([arm("control", 99, 5), arm("b", 400, 4, { name: "B" })]);
    expect(decision).toEqual({
      kind: "not-enough-data",
      message: `Not enough data yet: every variant needs at least ${MIN_IMPRESSIONS_PER_VARIANT} impressions (control has 99); the test needs at least 10 payments (it has 9).`,
    });
  });

  it("does not crown a variant on a small lead", () => {
    const { decision } = readExperiment([
      arm("control", 2000, 20),
      arm("b", 2000, 24, { name: "B" }),
    ]);
    expect(decision.kind).toBe("no-clear-difference");
    expect(decision.message).toMatch(
      /^No clear difference yet: the best variant, B, has \d\d% probability/,
    );
  });

  it("says when the control is ahead of every variant", () => {
    const { decision } = readExperiment([
      arm("control", 10_000, 150, { name: "Dear readers" }),
      arm("b", 10_000, 90),
      arm("c", 10_000, 100),
    ]);
    expect(decision.kind).toBe("control-ahead");
    expect(decision.message).toMatch(
      /^The control \(Dear readers\) is ahead: each variant has at most \d+% probability to beat it\.$/,
    );
  });

  it("picks the variant likeliest to beat the control among several", () => {
    const { decision } = readExperiment([
      arm("control", 10_000, 100),
      arm("b", 10_000, 115),
      arm("c", 10_000, 150),
    ]);
    expect(decision).toMatchObject({ kind: "variant-ahead", variantId: "c" });
  });

  it("never rounds a probability up to the threshold it missed", () => {
    // 124 against 100 payments in 10,000 impressions each: P = 0.9463, which rounds to 95% but is not 95%.
    const { variants, decision } = readExperiment([
      arm("control", 10_000, 100),
      arm("b", 10_000, 124),
    ]);
    const p = variants[1]!.comparison!.probabilityToBeatControl;
    expect(p).toBeCloseTo(0.946301338195125, 9);
    expect(decision.kind).toBe("no-clear-difference");
    expect(decision.message).toContain("has 94% probability");
  });
});
