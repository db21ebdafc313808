/**
 * `npm run emulator`: a local stand-in for Stripe's API, hosted Checkout and customer portal, delivering signed
 * webhooks to the app. Configuration (all optional):
 *   STRIPE_EMULATOR_PORT          default 12111
 *   STRIPE_EMULATOR_WEBHOOK_URL   default http://127.0.0.1:3000/api/stripe/webhook
 *   STRIPE_WEBHOOK_SECRET         default the install's generated one (.data/secrets.json, lib/demo-secrets.ts)
 *   STRIPE_EMULATOR_PUBLIC_URL    base URL of the hosted pages if browsers reach the emulator at another address
 *   STRIPE_EMULATOR_STATE_FILE    a JSON file to keep the state in across restarts (`npm start`: .data/stripe-emulator.json)
 */
import { loadDemoSecrets } from "../../demo-secrets";
import { startEmulator } from "./server";

const port = Number(process.env.STRIPE_EMULATOR_PORT || 12111);
const webhookUrl =
  process.env.STRIPE_EMULATOR_WEBHOOK_URL || "http://127.0.0.1:3000/api/stripe/webhook";
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET || loadDemoSecrets().STRIPE_WEBHOOK_SECRET;

const publicUrl = process.env.STRIPE_EMULATOR_PUBLIC_URL || undefined;
const statePath = process.env.STRIPE_EMULATOR_STATE_FILE || undefined;

const running = await startEmulator({ port, webhookUrl, webhookSecret, publicUrl, statePath });
console.log(
  `[stripe-emulator] listening on ${running.url} (pages at ${running.emulator.baseUrl}); webhooks → ${webhookUrl}`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
