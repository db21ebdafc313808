/**
 * The webhook benchmarks' own process (started by webhook-ingestion.ts and webhook-storm.ts): the app's database
 * client and Stripe client are process-wide singletons configured from the environment at first use, so each
 * benchmark gets a process whose DATABASE_URL and STRIPE_EMULATOR_URL point at its own fresh database and
 * emulator, whatever the parent has already loaded. Prints one line `BENCH_RESULT <json>` on stdout.
 *
 *   tsx scripts/bench/webhook-worker.ts ingestion '{"supporters":250,"rounds":3}'
 *   tsx scripts/bench/webhook-worker.ts storm '{"supporters":1400}'
 */
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import Stripe from "stripe";
import { PrismaClient } from "../../generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { startEmulator } from "@reader-revenue/stripe-emulator/server";
import {
  applyInOrder,
  captureState,
  deliverStorm,
  diffStates,
  playLives,
  recordedEvents,
  seedAttempts,
  stateSize,
  type StormReport,
} from "@/test/stripe/webhook/storm-harness";
import { HANDLED_EVENT_TYPES } from "../../lib/stripe/webhook/handlers";
import {
  emulatorControl,
  startWebhookReceiver,
  testWebhookSecret,
} from "@/test/stripe/webhook/test-harness";
import { median } from "./load";

type Options = {
  supporters?: number;
  rounds?: number;
  concurrency?: number;
  seed?: number;
  oneTimeShare?: number;
};

const mode = process.argv[2];
const options = JSON.parse(process.argv[3] ?? "{}") as Options;
const seed = options.seed ?? 20261128;
const databases: TestDatabase[] = [];

async function setUp(count: number) {
  for (let i = 0; i < count; i++) databases.push(await createTestDatabase());
  process.env.DATABASE_URL = databases[0]!.url;
  process.env.APP_URL = "http://127.0.0.1:3999";
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: null,
    webhookSecret: testWebhookSecret(),
    log: () => {},
  });
  process.env.STRIPE_EMULATOR_URL = emulator.url;
  const { handleWebhookRequest } = await import("../../lib/stripe/webhook/handle-request");
  const { db, closeDb } = await import("../../lib/db");
  const { stripe } = await import("../../lib/stripe/client");
  const client = stripe();
  const lives = await playLives({
    stripe: client,
    control: emulatorControl(emulator.url),
    supporters: options.supporters ?? 250,
    seed,
    oneTimeShare: options.oneTimeShare,
  });
  const events = recordedEvents(emulator.emulator);
  return { emulator, handleWebhookRequest, db, closeDb, stripe: client, lives, events };
}

/** Signed, through the real route handler, in process (no HTTP): what an app instance does per delivery. */
function inProcessSender(handle: (request: Request) => Promise<Response>) {
  return async (event: { payload: string }) => {
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: event.payload,
      secret: testWebhookSecret(),
    });
    const response = await handle(
      new Request("http://127.0.0.1/api/stripe/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signature,
        },
        body: event.payload,
      }),
    );
    await response.arrayBuffer();
    return response.status;
  };
}

const TABLES = `"StripeEvent", "Payment", "Membership", "StripeCustomer", "ReaderKey", "RemindLater", "Supporter", "AskDailyStat", "CheckoutAttempt"`;

async function ingestion() {
  const setup = await setUp(1);
  const { events, lives, db } = setup;
  const rounds = options.rounds ?? 3;
  const concurrency = options.concurrency ?? 16;
  const baseline = new pg.Client({ connectionString: databases[0]!.url });
  baseline.on("error", () => {}); // dropped with its database at the end
  await baseline.connect();
  await baseline.query(`CREATE TABLE bench_ledger (LIKE "StripeEvent" INCLUDING ALL)`);
  const send = inProcessSender(setup.handleWebhookRequest);
  const reset = async () => {
    await baseline.query(`TRUNCATE ${TABLES}, bench_ledger CASCADE`);
    await seedAttempts(db, lives.attempts);
  };
  /** Events (or rows) per second, and this process's CPU per event (ms). */
  const timed = async (fn: () => Promise<unknown>) => {
    await reset();
    const start = performance.now();
    const cpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpu);
    return {
      perSecond: events.length / ((performance.now() - start) / 1000),
      cpuMs: (used.user + used.system) / 1000 / events.length,
    };
  };
  const applyAll = (senders: number) => async () => {
    const report: StormReport = await deliverStorm({
      url: "",
      events,
      seed,
      duplicateRate: 0,
      shuffle: false,
      concurrency: senders,
      send,
      retryDelayMs: 20,
    });
    if (report.undelivered.length > 0)
      throw new Error(`${report.undelivered.length} events never applied`);
    const ledger = await db.stripeEvent.count();
    if (ledger !== events.length)
      throw new Error(`ledger holds ${ledger} of ${events.length} events`);
  };
  const insertRows = async () => {
    for (const e of events) {
      await baseline.query(
        `INSERT INTO bench_ledger (id, type, created, livemode, outcome) VALUES ($1, $2, now(), false, 'applied')`,
        [e.id, e.type],
      );
    }
  };
  await timed(applyAll(concurrency)); // warm-up (JIT, pool, caches), not counted
  const handler: Array<{ perSecond: number; cpuMs: number }> = [];
  const rows: Array<{ perSecond: number; cpuMs: number }> = [];
  for (let round = 0; round < rounds; round++) {
    rows.push(await timed(insertRows));
    handler.push(await timed(applyAll(concurrency)));
  }
  const sequential = await timed(applyAll(1));
  await baseline.end();
  await setup.closeDb();
  await setup.emulator.close();
  return {
    events: events.length,
    handled: events.filter((e) => HANDLED_EVENT_TYPES.includes(e.type)).length,
    supporters: lives.supporters,
    concurrency,
    rounds,
    eventsPerSecond: median(handler.map((r) => r.perSecond)),
    cpuMsPerEvent: median(handler.map((r) => r.cpuMs)),
    baselineRowsPerSecond: median(rows.map((r) => r.perSecond)),
    sequentialEventsPerSecond: sequential.perSecond,
    samples: { handler, rows },
  };
}

async function storm() {
  const setup = await setUp(2);
  const { events, lives, db } = setup;
  const reference = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databases[1]!.url }),
  });
  const receiver = await startWebhookReceiver(setup.handleWebhookRequest);
  await Promise.all([seedAttempts(db, lives.attempts), seedAttempts(reference, lives.attempts)]);
  const report = await deliverStorm({
    url: receiver.url,
    events,
    seed,
    duplicateRate: 0.2,
    concurrency: options.concurrency ?? 16,
  });
  const start = performance.now();
  await applyInOrder(reference, setup.stripe, events);
  const inOrderSeconds = (performance.now() - start) / 1000;
  const [actual, expected] = await Promise.all([captureState(db), captureState(reference)]);
  const diff = diffStates(actual, expected, 10);
  await receiver.close();
  await reference.$disconnect();
  await setup.closeDb();
  await setup.emulator.close();
  return {
    ...report,
    supporters: lives.supporters,
    inOrderSeconds,
    converged: diff.length === 0,
    diff,
    rows: stateSize(expected),
  };
}

try {
  const result = mode === "ingestion" ? await ingestion() : mode === "storm" ? await storm() : null;
  if (!result) throw new Error(`unknown mode ${mode}: ingestion or storm`);
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const database of databases) await database.drop().catch(() => {});
}
process.exit();
