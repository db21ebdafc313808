/**
 * A small seeded pseudo-random number generator and the samplers built on it, so that simulations (the bandit's
 * Monte Carlo, the tests' simulated readers) give the same numbers on every run and every machine.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes PractRand
 * and BigCrush) seeded through splitmix32, so that nearby seeds (1, 2, 3…) give unrelated streams. It is not
 * cryptographic and must never decide anything a reader could game: it only drives simulations.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A deterministic uniform [0, 1) generator for the given integer seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  // splitmix32: spreads one 32-bit seed over the 128 bits of sfc32's state.
  const splitmix = () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of a freshly seeded sfc32 are weakly mixed: its author discards a few.
  for (let i = 0; i < 12; i++) next();
  return () => next() / 4294967296;
}

/** A standard normal draw (Box–Muller; one of the pair is dropped to keep the sampler stateless). */
export function sampleNormal(random: Random): number {
  let u = random();
  while (u === 0) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Gamma(shape, 1) draw by Marsaglia and Tsang's method ("A simple method for generating gamma variables",
 * ACM TOMS 2000); shapes below 1 use the boost Gamma(shape + 1) · U^(1/shape).
 */
export function sampleGamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`A gamma shape must be positive (got ${shape})`);
  if (shape < 1) {
    let u = random();
    while (u === 0) u = random();
    return sampleGamma(random, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(random);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = random();
    if (u === 0) continue;
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(alpha, beta) draw, as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(random: Random, alpha: number, beta: number): number {
  const x = sampleGamma(random, alpha);
  const y = sampleGamma(random, beta);
  return x / (x + y);
}

/** A version-4-shaped UUID from the generator: simulated reader keys for tests and benches. */
export function randomUuid(random: Random): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
