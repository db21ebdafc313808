import { startEmulator } from "@reader-revenue/stripe-emulator/server";
import { createCheckout } from "@/lib/checkout/create-checkout";
import { db } from "@/lib/db";
import { setEnvForTests } from "@/lib/env";
import { stripe } from "@/lib/stripe/client";
import { handleWebhookRequest } from "@/lib/stripe/webhook/handle-request";
import { createTestDatabase } from "../../db/test-database";
import { emulatorControl, startWebhookReceiver, testWebhookSecret } from "./test-harness";

type Options = {
  /** A database the test made itself (and drops); by default a fresh one, dropped on close. */
  databaseUrl?: string;
  /** false: the emulator records its events without delivering them, for tests that deliver them themselves. */
  deliver?: boolean;
};

/**
 * The whole webhook pipeline for an integration test: a PostgreSQL database, the real route handler behind a
 * plain HTTP server, and the emulator signing events for it. The configuration (setEnvForTests) points at them
 * before the app's db and Stripe client are first used, so they use them.
 */
export async function startWebhookPipeline({ databaseUrl, deliver = true }: Options = {}) {
  const database = databaseUrl ? null : await createTestDatabase();
  setEnvForTests({ DATABASE_URL: databaseUrl ?? database!.url, APP_URL: "http://127.0.0.1:3999" });
  const receiver = await startWebhookReceiver(handleWebhookRequest);
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: deliver ? receiver.url : null,
    webhookSecret: testWebhookSecret(),
    log: () => {},
  });
  setEnvForTests({ STRIPE_EMULATOR_URL: emulator.url });
  const control = emulatorControl(emulator.url);
  return {
    db,
    createCheckout,
    stripe,
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
