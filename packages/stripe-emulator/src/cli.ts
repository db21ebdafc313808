import { startEmulator, type RunningEmulator } from "./server";

/**
 * The emulator as a command, configured by its environment (all optional but the secret):
 *   STRIPE_EMULATOR_PORT          default 12111
 *   STRIPE_EMULATOR_WEBHOOK_URL   default http://127.0.0.1:3000/api/stripe/webhook
 *   STRIPE_WEBHOOK_SECRET         default `defaults.webhookSecret()` (the app's: its install's generated one)
 *   STRIPE_EMULATOR_PUBLIC_URL    base URL of the hosted pages if browsers reach the emulator at another address
 *   STRIPE_EMULATOR_STATE_FILE    a JSON file to keep the state in across restarts
 */
export interface CommandDefaults {
  /** The signing secret when STRIPE_WEBHOOK_SECRET is not set; without it the secret is required. */
  webhookSecret?: () => string;
}

/** Starts the emulator from the environment and stops it on SIGINT/SIGTERM. */
export async function runFromEnvironment(
  defaults: CommandDefaults = {},
  source: NodeJS.ProcessEnv = process.env,
): Promise<RunningEmulator> {
  const port = Number(source.STRIPE_EMULATOR_PORT || 12111);
  const webhookUrl =
    source.STRIPE_EMULATOR_WEBHOOK_URL || "http://127.0.0.1:3000/api/stripe/webhook";
  const webhookSecret = source.STRIPE_WEBHOOK_SECRET || defaults.webhookSecret?.();
  if (!webhookSecret)
    throw new Error("[stripe-emulator] set STRIPE_WEBHOOK_SECRET (whsec_…) to sign webhooks with");
  const publicUrl = source.STRIPE_EMULATOR_PUBLIC_URL || undefined;
  const statePath = source.STRIPE_EMULATOR_STATE_FILE || undefined;

  const running = await startEmulator({ port, webhookUrl, webhookSecret, publicUrl, statePath });
  console.log(
    `[stripe-emulator] listening on ${running.url} (pages at ${running.emulator.baseUrl}); webhooks → ${webhookUrl}`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void running.close().then(() => process.exit(0));
    });
  }
  return running;
}
