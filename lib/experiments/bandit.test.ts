import { describe, expect, it } from "vitest";
import { banditWeights } from "./bandit";
import { probabilityToBeatExact } from "./readout";

const sum = (weights: Record<string, number>) => Object.values(weights).reduce((s, w) => s + w, 0);

describe("banditWeights", () => {
  it("splits evenly between arms it knows nothing about (within Monte Carlo error)", () => {
    const weights = banditWeights(
      [
        { variantId: "a", impressions: 0, payments: 0 },
        { variantId: "b", impressions: 0, payments: 0 },
        { variantId: "c", impressions: 0, payments: 0 },
      ],
      { seed: 1 },
    );
    expect(Object.keys(weights)).toEqual(["a", "b", "c"]);
    expect(sum(weights)).toBeCloseTo(1, 12);
    // Each P(best) = 1/3, standard error √(2/9 / 10,000) ≈ 0.0047, scaled by 0.7 after the floor: ±0.02 is > 6 SE.
    for (const w of Object.values(weights)) expect(Math.abs(w - 1 / 3)).toBeLessThan(0.02);
  });

  it("sends most traffic to a clearly better arm, and keeps the floor for the others", () => {
    const weights = banditWeights(
      [
        { variantId: "control", impressions: 20_000, payments: 200 },
        { variantId: "better", impressions: 20_000, payments: 300 },
        { variantId: "worse", impressions: 20_000, payments: 150 },
      ],
      { floor: 0.1, seed: 7 },
    );
    // "better" is best with probability ≈ 1: it gets everything above the other two's floors.
    expect(weights.better).toBeCloseTo(0.8, 3);
    expect(weights.control).toBeCloseTo(0.1, 3);
    expect(weights.worse).toBeCloseTo(0.1, 3);
    expect(sum(weights)).toBeCloseTo(1, 12);
  });

  it("shares traffic by the probability of being best while the data are unclear", () => {
    const weights = banditWeights(
      [
        { variantId: "a", impressions: 1000, payments: 10 },
        { variantId: "b", impressions: 1000, payments: 13 },
      ],
      { floor: 0, draws: 20_000, seed: 3 },
    );
    // With no floor b's share is P(b is best) = P(p_b > p_a) for Beta(14, 988) against Beta(11, 991): 0.7306 by
    // Miller's closed form. The estimate's standard error is √(0.73 · 0.27 / 20,000) ≈ 0.003; 0.015 is 5 of them.
    const exact = probabilityToBeatExact({ alpha: 11, beta: 991 }, { alpha: 14, beta: 988 });
    expect(exact).toBeCloseTo(0.7306077050295772, 10);
    expect(Math.abs(weights.b! - exact)).toBeLessThan(0.015);
    expect(weights.a! + weights.b!).toBeCloseTo(1, 12);
  });

  it("gives the same weights for the same counts and seed, and different draws for another seed", () => {
    const arms = [
      { variantId: "a", impressions: 500, payments: 5 },
      { variantId: "b", impressions: 500, payments: 6 },
    ];
    expect(banditWeights(arms, { seed: 11 })).toEqual(banditWeights(arms, { seed: 11 }));
    expect(banditWeights(arms, { seed: 11 })).not.toEqual(banditWeights(arms, { seed: 12 }));
  });

  it("refuses a floor the arms cannot all keep, and bad counts", () => {
    const arms = Array.from({ length: 3 }, (_, i) => ({
      variantId: `v${i}`,
      impressions: 1,
      payments: 0,
    }));
    expect(() => banditWeights(arms, { floor: 0.4, seed: 1 })).toThrow(/cannot be kept by 3 arms/);
    expect(() =>
      banditWeights([{ variantId: "a", impressions: -1, payments: 0 }], { seed: 1 }),
    ).toThrow(/non-negative integers/);
  });
});
