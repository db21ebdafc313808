import { createTestDatabase } from "../../db/test-database";
import { startEmulator } from "@reader-revenue/stripe-emulator/server";
import { emulatorControl, startWebhookReceiver, testWebhookSecret } from "./test-harness";

type Options = {
  /** A database the test made itself (and drops); by default a fresh one, dropped on close. */
  databaseUrl?: string;
  /** false: the emulator records its events without delivering them, for tests that deliver them themselves. */
  deliver?: boolean;
};

/**
 * The whole webhook pipeline for an integration test: a PostgreSQL database, the real route handler behind a
 * plain HTTP server, and the emulator signing events for it. The environment points at them before the app's
 * modules are imported, so the app's db and Stripe client use them.
 */
export async function startWebhookPipeline({ databaseUrl, deliver = true }: Options = {}) {
  const database = databaseUrl ? null : await createTestDatabase();
  process.env.DATABASE_URL = databaseUrl ?? database!.url;
  process.env.APP_URL = "http://127.0.0.1:3999";
  const { handleWebhookRequest } = await import("@/lib/stripe/webhook/handle-request");
  const receiver = await startWebhookReceiver(handleWebhookRequest);
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: deliver ? receiver.url : null,
    webhookSecret: testWebhookSecret(),
    log: () => {},
  });
  process.env.STRIPE_EMULATOR_URL = emulator.url;
  const control = emulatorControl(emulator.url);
  const { db } = await import("@/lib/db");
  return {
    db,
    createCheckout: (await import("@/lib/checkout/create-checkout")).createCheckout,
    stripe: (await import("@/lib/stripe/client")).stripe,
    emulator,
    control,
    webhookUrl: receiver.url,
    /** Delivers every event the emulator has queued, and waits for the answers. */
    settle: () => control.post("deliveries/flush"),
    async close() {
      await emulator.close();
      await receiver.close();
      await db.$disconnect();
      await database?.drop();
    },
  };
}

export type WebhookPipeline = Awaited<ReturnType<typeof startWebhookPipeline>>;
