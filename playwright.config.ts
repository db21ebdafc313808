import { defineConfig } from "@playwright/test";
import { generateSecrets, type DemoSecrets } from "./lib/demo-secrets";
import { CHROMIUM, CHROMIUM_FLAGS } from "./test/chromium";

/**
 * End-to-end: the built app (`next start`) and the Stripe emulator, on ports of their own, against the
 * database in DATABASE_URL (the test runner creates a fresh PostgreSQL database per run).
 */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12112);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;

/**
 * Secrets made for this run (never the source's, nor the install's .data/secrets.json): the runner puts them in
 * its environment before it starts the servers and its workers, which inherit them, so the app, the emulator
 * and the tests' own signatures and session tokens all agree.
 */
process.env.E2E_SECRETS ??= JSON.stringify(generateSecrets());
export const SECRETS = JSON.parse(process.env.E2E_SECRETS) as DemoSecrets;

const serverEnv = {
  ...(process.env as Record<string, string>),
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL,
  STRIPE_EMULATOR_URL: EMULATOR_URL,
  ...SECRETS,
  // Lets a test move the ask's clock with a cookie instead of sleeping (refused with real Stripe keys).
  ENABLE_TEST_CLOCK: "1",
  // Every e2e checkout comes from 127.0.0.1; the limits themselves are tested in lib/security.
  RATE_LIMIT_CHECKOUT_PER_IP: "10000",
  RATE_LIMIT_CHECKOUT_PER_READER: "10000",
  RATE_LIMIT_FORMS_PER_IP: "10000",
  RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE: "10000",
  RATE_LIMIT_BEACONS_PER_IP: "10000",
  RATE_LIMIT_BEACONS_PER_READER: "10000",
  RATE_LIMIT_SIGNIN_PER_IP: "10000",
  RATE_LIMIT_REMINDER_PER_IP: "10000",
  // Per address the suite uses fresh addresses, except the seeded admin (a sign-in per dashboard test).
  RATE_LIMIT_SIGNIN_PER_EMAIL: "10",
  RATE_LIMIT_REMINDER_PER_EMAIL: "10",
};

/** A desktop Chrome's user agent, as readers send it. */
export const READER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON
    ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [["list"]],
  use: {
    baseURL: APP_URL,
    // Headless Chromium says "HeadlessChrome", which the funnel rightly takes for a bot; the suite plays readers.
    userAgent: READER_AGENT,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
  },
  webServer: [
    {
      command: "npx tsx scripts/emulator.ts",
      url: `${EMULATOR_URL}/_emulator/health`,
      reuseExistingServer: false,
      env: {
        ...serverEnv,
        STRIPE_EMULATOR_PORT: String(EMULATOR_PORT),
        STRIPE_EMULATOR_WEBHOOK_URL: `${APP_URL}/api/stripe/webhook`,
      },
    },
    {
      command: `npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `${APP_URL}/support`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv,
    },
  ],
});
