import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  applyInOrder,
  captureState,
  deliverStorm,
  diffStates,
  playLives,
  recordedEvents,
  seedAttempts,
  type StormReport,
} from "@/test/stripe/webhook/storm-harness";
import { sideConnection, startTcpProxy, type TcpProxy } from "@/test/stripe/webhook/test-faults";
import { startStormSides, type StormSides } from "@/test/stripe/webhook/storm-sides";

/**
 * The database goes away in the middle of a stream of deliveries — the app's connections reset and refused (a
 * TCP proxy between the app and PostgreSQL, cut), then its sessions killed again and again by the server
 * (pg_terminate_backend in a loop). Every delivery the endpoint acknowledged with a 2xx is in the ledger at
 * that moment; the others got a 5xx (or no answer); redelivered as Stripe would, the stream ends exactly
 * where applying each event once, in order, ends: nothing lost, nothing doubled.
 */
const SEED = 5150;

let sides: StormSides;
let proxy: TcpProxy;
let side: pg.Client;
let pipeline: StormSides["pipeline"];
let reference: StormSides["reference"];
let app: StormSides["app"];

beforeAll(async () => {
  // Every delivery that gets a 5xx is logged by the endpoint; here hundreds are expected, and counted instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
  // The app reaches its database through a TCP proxy the test can cut.
  sides = await startStormSides(async (url) => {
    const direct = new URL(url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    return viaProxy.toString();
  });
  ({ pipeline, reference, app } = sides);
  side = await sideConnection(sides.appDb.url); // straight to PostgreSQL, never through the proxy
});

afterAll(async () => {
  await sides?.pipeline.close();
  await proxy?.close();
  await side?.end();
  await sides?.reference.$disconnect();
  await Promise.all([sides?.appDb.drop(), sides?.referenceDb.drop()]);
});

type Answered = Map<string, number[]>;

/** Delivers a part of the stream, recording every answer per event; `fault` runs once `faultAfter` answers are in. */
async function deliverPart(
  events: Array<{ id: string; payload: string }>,
  options: { seed: number; fault?: () => void; faultAfter?: number; retry: boolean },
) {
  const answers: Answered = new Map();
  let count = 0;
  const report: StormReport = await deliverStorm({
    url: pipeline.webhookUrl,
    events,
    seed: options.seed,
    duplicateRate: 0.2,
    concurrency: 16,
    maxAttempts: options.retry ? 40 : 1,
    retryDelayMs: 40,
    onAnswer: (event, status) => {
      answers.set(event.id, [...(answers.get(event.id) ?? []), status]);
      if (++count === options.faultAfter) options.fault?.();
    },
  });
  return { answers, report };
}

async function ledgerIds(): Promise<Set<string>> {
  const { rows } = await side.query<{ id: string }>(`SELECT id FROM "StripeEvent"`);
  return new Set(rows.map((r) => r.id));
}

/** Events acknowledged (a 2xx) that are not in the ledger: must always be none. */
async function acknowledgedButMissing(answers: Answered): Promise<string[]> {
  const ledger = await ledgerIds();
  return [...answers]
    .filter(([id, statuses]) => statuses.some((s) => s >= 200 && s < 300) && !ledger.has(id))
    .map(([id]) => id);
}

const failedEvents = (answers: Answered, events: Array<{ id: string; payload: string }>) => {
  const failed = new Set(
    [...answers]
      .filter(([, statuses]) => !statuses.some((s) => s >= 200 && s < 300))
      .map(([id]) => id),
  );
  return events.filter((e) => failed.has(e.id));
};

describe("the database goes away mid-stream", () => {
  it("answers 5xx for what it could not apply, never 2xx without applying, and converges on redelivery", async () => {
    const lives = await playLives({
      stripe: app.stripe,
      control: pipeline.control,
      supporters: 45,
      seed: SEED,
    });
    const events = recordedEvents(pipeline.emulator.emulator);
    await Promise.all([
      seedAttempts(app.db, lives.attempts),
      seedAttempts(reference, lives.attempts),
    ]);
    const fifth = Math.ceil(events.length / 5);
    const parts = [0, 1, 2, 3, 4].map((i) => events.slice(i * fifth, (i + 1) * fifth));

    // 1. All is well.
    const first = await deliverPart(parts[0]!, { seed: SEED, retry: true });
    expect(first.report.undelivered).toEqual([]);

    // 2. The network to PostgreSQL drops a quarter of the way into this part and stays down to its end.
    const cut = await deliverPart(parts[1]!, {
      seed: SEED + 1,
      retry: false,
      fault: () => proxy.cut(),
      faultAfter: Math.floor(parts[1]!.length / 4),
    });
    expect(await acknowledgedButMissing(cut.answers)).toEqual([]);
    const unapplied = failedEvents(cut.answers, parts[1]!);
    expect(unapplied.length).toBeGreaterThan(parts[1]!.length / 2);
    expect(Object.keys(cut.report.statuses).every((s) => s === "200" || s.startsWith("5"))).toBe(
      true,
    );
    proxy.restore();

    // 3. Back: Stripe redelivers what failed, among new events.
    const recovered = await deliverPart([...unapplied, ...parts[2]!], {
      seed: SEED + 2,
      retry: true,
    });
    expect(recovered.report.undelivered).toEqual([]);

    // 4. PostgreSQL kills the app's sessions every few milliseconds while this part is delivered.
    let killing = true;
    let kills = 0;
    const killer = (async () => {
      while (killing) {
        const { rowCount } = await side.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [sides.appDb.name],
        );
        kills += rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    const killed = await deliverPart(parts[3]!, { seed: SEED + 3, retry: false });
    killing = false;
    await killer;
    expect(kills).toBeGreaterThan(0);
    expect(await acknowledgedButMissing(killed.answers)).toEqual([]);
    const unappliedAgain = failedEvents(killed.answers, parts[3]!);
    expect(unappliedAgain.length).toBeGreaterThan(0);

    // 5. Redelivery of everything that failed, with the rest of the stream.
    const last = await deliverPart([...unappliedAgain, ...parts[4]!], {
      seed: SEED + 4,
      retry: true,
    });
    expect(last.report.undelivered).toEqual([]);

    console.info(
      `outage: ${events.length} events; cut: ${JSON.stringify(cut.report.statuses)}, ${unapplied.length} unapplied; ` +
        `${kills} sessions killed: ${JSON.stringify(killed.report.statuses)}, ${unappliedAgain.length} unapplied`,
    );
    await applyInOrder(reference, app.stripe, events);
    const [actual, expected] = await Promise.all([captureState(app.db), captureState(reference)]);
    expect(actual.ledger.size).toBe(events.length);
    expect(diffStates(actual, expected)).toEqual([]);
  }, 180_000); // thousands of deliveries: a guard against a hang, not a speed target (that is npm run bench)
});
