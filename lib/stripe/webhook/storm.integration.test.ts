import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  applyInOrder,
  captureState,
  deliverStorm,
  diffStates,
  playLives,
  recordedEvents,
  seedAttempts,
  stateSize,
} from "@/test/stripe/webhook/storm-harness";
import { startStormSides, type StormSides } from "@/test/stripe/webhook/storm-sides";

/**
 * A webhook storm against real PostgreSQL: a few hundred supporters' lives played out on the emulator, their
 * events delivered shuffled, 20 % twice, by 16 concurrent senders, 5xx answers retried as Stripe does; the
 * result must equal applying each event once, in order, to a second fresh database. `npm run bench` runs the
 * same storm with 10 000+ events (scripts/bench/webhook-storm.ts).
 */
const SUPPORTERS = Number(process.env.STORM_SUPPORTERS ?? 100);
const SEED = Number(process.env.STORM_SEED ?? 20261128);

let sides: StormSides;
let pipeline: StormSides["pipeline"];
let reference: StormSides["reference"];
let app: StormSides["app"];

beforeAll(async () => {
  // Every delivery that gets a 5xx is logged by the endpoint; here hundreds are expected, and counted instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
  sides = await startStormSides();
  ({ pipeline, reference, app } = sides);
});

afterAll(async () => {
  await sides?.close();
});

describe("webhook storm", () => {
  it("ends, after shuffled, duplicated, concurrent delivery with retries, exactly where in-order delivery ends", async () => {
    const { control } = pipeline;
    const t0 = performance.now();
    const lives = await playLives({
      stripe: app.stripe,
      control,
      supporters: SUPPORTERS,
      seed: SEED,
    });
    const events = recordedEvents(pipeline.emulator.emulator);
    expect(events.length).toBeGreaterThan(1200);
    await Promise.all([
      seedAttempts(app.db, lives.attempts),
      seedAttempts(reference, lives.attempts),
    ]);

    const t1 = performance.now();
    const report = await deliverStorm({
      url: pipeline.webhookUrl,
      events,
      seed: SEED,
      duplicateRate: 0.2,
      concurrency: 16,
    });
    const t2 = performance.now();
    await applyInOrder(reference, app.stripe, events);
    const t3 = performance.now();
    console.info(
      `timings: lives ${(t1 - t0).toFixed(0)} ms, storm ${(t2 - t1).toFixed(0)} ms, in order ${(t3 - t2).toFixed(0)} ms`,
    );

    console.info(
      `storm: ${events.length} events for ${lives.supporters} supporters, ${JSON.stringify(report)}`,
    );
    expect(report.undelivered).toEqual([]);
    expect(report.duplicates).toBeGreaterThan(events.length * 0.15);
    // Signed correctly, so never a 4xx: only 2xx or (retried) 5xx.
    expect(
      Object.keys(report.statuses).filter((s) => !s.startsWith("2") && !s.startsWith("5")),
    ).toEqual([]);

    const [actual, expected] = await Promise.all([captureState(app.db), captureState(reference)]);
    expect(stateSize(expected)).toMatchObject({ ledger: events.length });
    expect(stateSize(expected).payments).toBeGreaterThan(SUPPORTERS);
    expect(stateSize(expected).refunds).toBeGreaterThan(0);
    expect(diffStates(actual, expected)).toEqual([]);
  }, 180_000); // thousands of deliveries: a guard against a hang, not a speed target (that is npm run bench)
});
