import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  HOLDBACK_SEED,
  TRAFFIC_SEED,
  VARIANT_SEED,
  assignReader,
  assignmentDraw,
  murmurHash3x86_32,
  type AssignableExperiment,
  type Assignment,
} from "./assign";
import { createRandom, randomUuid } from "./random";
import { chiSquareGoodnessOfFit, chiSquareIndependence } from "./stats";

/** The significance level of the distribution tests: a correct hash fails one about once in 1,000 seeds. */
const ALPHA = 0.001;
const READERS = 100_000;

function readerKeys(seed: number, count = READERS): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => randomUuid(random));
}

function experiment(overrides: Partial<AssignableExperiment> = {}): AssignableExperiment {
  return {
    id: "appeal-2026-12",
    trafficShare: 100,
    holdback: 0,
    mode: "split",
    variants: [
      { id: "control", name: "Dear readers", share: 50, changes: {} },
      { id: "urgent", name: "Urgent", share: 30, changes: {} },
      { id: "warm", name: "Warm", share: 20, changes: {} },
    ],
    ...overrides,
  };
}

function label(assignment: Assignment): string {
  return assignment.kind === "variant" ? assignment.variantId : assignment.kind;
}

function tally(labels: readonly string[], categories: readonly string[]): number[] {
  const counts = new Map(categories.map((c) => [c, 0]));
  for (const l of labels) {
    if (!counts.has(l)) throw new Error(`Unexpected category ${l}`);
    counts.set(l, counts.get(l)! + 1);
  }
  return categories.map((c) => counts.get(c)!);
}

describe("murmurHash3x86_32", () => {
  // Reference vectors of MurmurHash3_x86_32 (smhasher), as collected in
  // https://stackoverflow.com/questions/14747343/murmurhash3-test-vectors and the mmh3 README
  // (https://pypi.org/project/mmh3/: mmh3.hash("foo") == -156908512, mmh3.hash("foo", 42) == -1322301282).
  const encode = (s: string) => new TextEncoder().encode(s);
  it.each([
    ["", 0, 0],
    ["", 1, 0x514e28b7],
    ["", 0xffffffff, 0x81f16f39],
    ["a", 0x9747b28c, 0x7fa09ea6],
    ["abc", 0x9747b28c, 0xc84a62dd],
    ["aaaa", 0x9747b28c, 0x5a97808a],
    ["Hello, world!", 0x9747b28c, 0x24884cba],
    ["The quick brown fox jumps over the lazy dog", 0x9747b28c, 0x2fa826cd],
    ["foo", 0, -156908512 >>> 0],
    ["foo", 42, -1322301282 >>> 0],
  ])("hashes %j with seed %i to the published value", (input, seed, expected) => {
    expect(murmurHash3x86_32(encode(input), seed)).toBe(expected);
  });

  it("hashes four zero bytes to the published value (a full block, no tail)", () => {
    expect(murmurHash3x86_32(new Uint8Array(4), 0)).toBe(0x2362f9de);
  });
});

describe("assignReader", () => {
  const keys = readerKeys(20261201);

  it("gives a reader the same answer every time, whatever else was assigned in between", () => {
    const test = experiment({ trafficShare: 60, holdback: 10 });
    const first = keys.slice(0, 2000).map((k) => assignReader(test, k));
    const other = experiment({ id: "another-test" });
    keys.slice(0, 500).forEach((k) => assignReader(other, k));
    const again = keys.slice(0, 2000).map((k) => assignReader(test, k));
    expect(again).toEqual(first);
    expect(assignReader(test, "reader-1")).toEqual(assignReader({ ...test }, "reader-1"));
  });

  it("splits 100,000 readers in the variants' shares (chi-square goodness of fit, p > 0.001)", () => {
    const test = experiment();
    const counts = tally(
      keys.map((k) => label(assignReader(test, k))),
      ["control", "urgent", "warm"],
    );
    const fit = chiSquareGoodnessOfFit(counts, [50, 30, 20]);
    expect(fit.degreesOfFreedom).toBe(2);
    expect(fit.pValue).toBeGreaterThan(ALPHA);
  });

  it("lets the traffic share in and holds back the holdback of those (70% out, 3% holdback, 27% variants)", () => {
    const test = experiment({ trafficShare: 30, holdback: 10 });
    const labels = keys.map((k) => label(assignReader(test, k)));
    const counts = tally(labels, ["not-in-test", "holdback", "control", "urgent", "warm"]);
    // Of 100: 70 out; of the 30 in, 3 held back; the 27 left split 50/30/20 — independent draws make these
    // proportions multiply.
    const fit = chiSquareGoodnessOfFit(counts, [70, 3, 13.5, 8.1, 5.4]);
    expect(fit.pValue).toBeGreaterThan(ALPHA);
  });

  it("lets nobody in at a 0% traffic share and everybody at 100%", () => {
    const sample = keys.slice(0, 5000);
    expect(
      sample.every((k) => assignReader(experiment({ trafficShare: 0 }), k).kind === "not-in-test"),
    ).toBe(true);
    expect(
      sample.every((k) => assignReader(experiment({ trafficShare: 100 }), k).kind === "variant"),
    ).toBe(true);
  });

  it("never assigns a variant whose share is 0", () => {
    const test = experiment({
      variants: [
        { id: "control", name: "A", share: 50, changes: {} },
        { id: "paused", name: "B", share: 0, changes: {} },
        { id: "other", name: "C", share: 50, changes: {} },
      ],
    });
    const labels = new Set(keys.slice(0, 20_000).map((k) => label(assignReader(test, k))));
    expect([...labels].sort()).toEqual(["control", "other"]);
  });

  it("splits two concurrent tests independently (chi-square test of independence, p > 0.001)", () => {
    const first = experiment({ id: "appeal-copy" });
    const second = experiment({
      id: "amounts-eu",
      variants: [
        { id: "low", name: "Low", share: 34, changes: {} },
        { id: "mid", name: "Mid", share: 33, changes: {} },
        { id: "high", name: "High", share: 33, changes: {} },
      ],
    });
    const rows = ["control", "urgent", "warm"];
    const columns = ["low", "mid", "high"];
    const table = rows.map(() => columns.map(() => 0));
    for (const k of keys) {
      const a = label(assignReader(first, k));
      const b = label(assignReader(second, k));
      table[rows.indexOf(a)]![columns.indexOf(b)]!++;
    }
    const independence = chiSquareIndependence(table);
    expect(independence.degreesOfFreedom).toBe(4);
    expect(independence.pValue).toBeGreaterThan(ALPHA);
  });

  it("draws the traffic, holdback and variant questions independently (the variants keep their shares inside a 50% traffic share with a holdback)", () => {
    // Were one draw reused, the readers let in (low draws) would all land in the first slices.
    const test = experiment({ trafficShare: 50, holdback: 20 });
    const counts = tally(
      keys
        .map((k) => label(assignReader(test, k)))
        .filter((l) => l !== "not-in-test" && l !== "holdback"),
      ["control", "urgent", "warm"],
    );
    expect(chiSquareGoodnessOfFit(counts, [50, 30, 20]).pValue).toBeGreaterThan(ALPHA);
  });

  describe("bandit weights", () => {
    const bandit = experiment({ mode: "bandit" });

    it("splits by the bandit's weights when given them", () => {
      const weights = { control: 0.1, urgent: 0.7, warm: 0.2 };
      const counts = tally(
        keys.map((k) => label(assignReader(bandit, k, { weights }))),
        ["control", "urgent", "warm"],
      );
      expect(chiSquareGoodnessOfFit(counts, [0.1, 0.7, 0.2]).pValue).toBeGreaterThan(ALPHA);
    });

    it("moves only the readers whose draw sits where the slices moved (50/50 → 60/40 moves about 10%, B to A)", () => {
      const two = experiment({
        mode: "bandit",
        variants: [
          { id: "a", name: "A", share: 50, changes: {} },
          { id: "b", name: "B", share: 50, changes: {} },
        ],
      });
      let moved = 0;
      let movedAtoB = 0;
      for (const k of keys) {
        const before = label(assignReader(two, k, { weights: { a: 0.5, b: 0.5 } }));
        const after = label(assignReader(two, k, { weights: { a: 0.6, b: 0.4 } }));
        if (before !== after) moved++;
        if (before === "a" && after === "b") movedAtoB++;
      }
      expect(movedAtoB).toBe(0);
      // Binomial(100,000, 0.1): standard deviation ≈ 95, so ±1,000 is more than 10 of them.
      expect(Math.abs(moved - READERS * 0.1)).toBeLessThan(1000);
    });

    it("refuses weights for a fixed split (a wiring mistake, not a reader's problem)", () => {
      expect(() => assignReader(experiment(), "k", { weights: { control: 1 } })).toThrow(
        /fixed shares/,
      );
    });
  });
});

describe("the distribution checks catch a bad assignment", () => {
  const keys = readerKeys(7);

  it("rejects `key.length % n` (every UUID has 36 characters, so everybody lands in one variant)", () => {
    const counts = [0, 0, 0];
    for (const k of keys) counts[k.length % 3]!++;
    expect(chiSquareGoodnessOfFit(counts, [1 / 3, 1 / 3, 1 / 3]).pValue).toBeLessThan(ALPHA);
  });

  it("rejects a split that is slightly off (50.7/49.3 instead of 50/50 over 100,000 readers)", () => {
    const random = createRandom(3);
    const counts = [0, 0];
    for (let i = 0; i < READERS; i++) counts[random() < 0.507 ? 0 : 1]!++;
    expect(chiSquareGoodnessOfFit(counts, [0.5, 0.5]).pValue).toBeLessThan(ALPHA);
  });

  it("rejects two tests hashed without their ids (the same readers in the same slices of both)", () => {
    const ignoringId = (test: AssignableExperiment, key: string) =>
      assignReader({ ...test, id: "same" }, key);
    const first = experiment({ id: "one" });
    const second = experiment({ id: "two" });
    const names = ["control", "urgent", "warm"];
    const table = names.map(() => names.map(() => 0));
    for (const k of keys.slice(0, 20_000))
      table[names.indexOf(label(ignoringId(first, k)))]![
        names.indexOf(label(ignoringId(second, k)))
      ]!++;
    expect(chiSquareIndependence(table).pValue).toBeLessThan(ALPHA);
  });
});

describe("the browser version in README.md", () => {
  it("draws exactly what assignmentDraw draws (so the embed and the server agree)", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8");
    const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const browserDraw = new Function(`${code}\nreturn draw;`)() as (
      id: string,
      key: string,
      seed: number,
    ) => number;
    const keys = [...readerKeys(99, 2000), "", "ключ-читателя", "a", "ab", "abc", "abcd"];
    for (const key of keys)
      for (const seed of [TRAFFIC_SEED, HOLDBACK_SEED, VARIANT_SEED])
        expect(browserDraw("appeal-2026-12", key, seed)).toBe(
          assignmentDraw("appeal-2026-12", key, seed),
        );
  });
});
