import { afterAll, beforeAll } from "vitest";
import { startEmulator, type RunningEmulator } from "@reader-revenue/stripe-emulator/server";
import { closeDb } from "@/lib/db";
import { setEnvForTests } from "@/lib/env";
import type pg from "pg";
import { sideConnection } from "../stripe/webhook/test-faults";
import { startWebhookReceiver, testWebhookSecret } from "../stripe/webhook/test-harness";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** What setUpTestBackends started, filled in before the file's first test. */
export type TestBackends = {
  database: TestDatabase;
  emulator: RunningEmulator;
  /** Where `receiver` takes webhook deliveries. */
  webhookUrl: string;
  /** A connection of the test's own to the database, straight to PostgreSQL (for locks, kills, checks). */
  side: pg.Client;
};

/**
 * For an integration test file: before its tests, a fresh migrated database and (with `emulator`) the Stripe
 * emulator, deliveries off, become the app's configuration (DATABASE_URL, STRIPE_EMULATOR_URL) with `env`
 * on top (a value undefined unsets the variable; a function is called then, with what was started, and may read
 * what earlier beforeAll hooks started); after them, the app's database connection is closed, the emulator stopped and the
 * database dropped. With `receiver`, an HTTP server hands webhook deliveries to that route handler; with
 * `side`, the test has a connection of its own. Each of these is only there when asked for.
 */
export function setUpTestBackends(
  options: {
    emulator?: boolean | { log?: (message: string) => void };
    env?:
      | Record<string, string | undefined>
      | ((backends: TestBackends) => Record<string, string | undefined>);
    receiver?: (request: Request) => Promise<Response>;
    side?: boolean;
  } = {},
): TestBackends {
  const backends = {} as TestBackends;
  let closeReceiver: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    backends.database = await createTestDatabase();
    if (options.emulator)
      backends.emulator = await startEmulator({
        port: 0,
        webhookUrl: null,
        webhookSecret: testWebhookSecret(),
        ...(typeof options.emulator === "object" ? options.emulator : {}),
      });
    setEnvForTests({
      DATABASE_URL: backends.database.url,
      ...(backends.emulator ? { STRIPE_EMULATOR_URL: backends.emulator.url } : {}),
      ...(typeof options.env === "function" ? options.env(backends) : options.env),
    });
    if (options.receiver) {
      const receiver = await startWebhookReceiver(options.receiver);
      backends.webhookUrl = receiver.url;
      closeReceiver = receiver.close;
    }
    if (options.side) backends.side = await sideConnection(backends.database.url);
  });
  afterAll(async () => {
    await closeReceiver?.();
    await backends.side?.end();
    await closeDb();
    await backends.emulator?.close();
    await backends.database?.drop();
  });
  return backends;
}

/** The app at a public host that is still a test: demo mode, with the run's generated secrets. */
export const publicTestHost = (appUrl: string) => ({ APP_URL: appUrl, DEMO_MODE: "1" });
