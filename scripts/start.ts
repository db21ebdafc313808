/**
 * `npm start`: builds when needed, migrates the database (embedded PGlite unless DATABASE_URL is set), starts
 * the built-in Stripe emulator when no STRIPE_SECRET_KEY is set, and serves the app.
 * `npm run dev` does the same with `next dev` instead of a production build.
 *
 * In demo mode (lib/env.ts) the install's generated secrets (.data/secrets.json) go to the app and the emulator
 * in their environment, and an app whose APP_URL is on loopback listens on loopback only: a demo is not
 * served to the network.
 */
import "./lib/load-env";
import { envOrExit } from "../lib/env";
import { isLoopbackHost } from "../lib/security/loopback";
import { buildIsStale } from "./lib/build-freshness";
import { EMULATOR_STATE_FILE } from "./lib/emulator-state";
import { isAnswering, run, startService, supervise, waitForHttp } from "./lib/processes";

const dev = process.argv.includes("--dev");
const config = envOrExit();
const root = process.cwd();
const appUrl = new URL(config.APP_URL);
const port = appUrl.port || "3000";
const secrets =
  config.mode === "demo"
    ? {
        NEXTAUTH_SECRET: config.authSecret,
        ASK_COOKIE_SECRET: config.cookieSecret,
        STRIPE_WEBHOOK_SECRET: config.webhookSecret,
      }
    : {};
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...secrets };
const listen =
  config.mode === "demo" && isLoopbackHost(appUrl.hostname)
    ? ["-H", appUrl.hostname.replace(/^\[(.*)\]$/, "$1")]
    : [];

// public/embed.js (the embeddable ask) is rewritten only when it changed; Next serves it at /embed.js.
await run("npx", ["tsx", "scripts/build-embed.ts"], { env: childEnv });
if (!dev && buildIsStale(root)) {
  console.log("› Building the app (next build)…");
  await run("npx", ["next", "build"], { env: childEnv });
}

console.log(
  `› Migrating ${config.DATABASE_URL ? "PostgreSQL" : `the embedded database in ${config.PGLITE_DIR}`}…`,
);
await run("npx", ["tsx", "scripts/db/migrate.ts"], { env: childEnv });

for (const url of [
  config.APP_URL,
  ...(config.stripeEmulated ? [config.STRIPE_EMULATOR_URL] : []),
]) {
  if (await isAnswering(url)) {
    console.error(
      `Something is already listening at ${url}. Stop it, or set APP_URL / STRIPE_EMULATOR_URL to free ports.`,
    );
    process.exit(1);
  }
}

const children = [];
if (config.stripeEmulated) {
  const emulator = new URL(config.STRIPE_EMULATOR_URL);
  children.push(
    startService("npx", ["tsx", "scripts/emulator.ts"], {
      env: {
        ...childEnv,
        STRIPE_EMULATOR_PORT: emulator.port,
        STRIPE_EMULATOR_WEBHOOK_URL: new URL("/api/stripe/webhook", config.APP_URL).toString(),
        STRIPE_EMULATOR_STATE_FILE: EMULATOR_STATE_FILE,
      },
    }),
  );
  await waitForHttp(new URL("/_emulator/health", emulator).toString(), 30_000);
}

children.push(
  startService("npx", ["next", dev ? "dev" : "start", "-p", port, ...listen], { env: childEnv }),
);
supervise(children);
await waitForHttp(new URL("/support", config.APP_URL).toString(), 120_000);

console.log(`
  ${config.PUBLICATION_NAME} is running at ${config.APP_URL}
  · The ask:        ${new URL("/support", config.APP_URL)}
  · Database:       ${config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.PGLITE_DIR}`}
  · Mode:           ${config.mode === "demo" ? "demo — no real payments (secrets generated in .data/secrets.json)" : "live"}
  · Stripe:         ${config.stripeEmulated ? `built-in emulator at ${config.STRIPE_EMULATOR_URL} (test mode, no real payments)` : "Stripe API"}
  Press Ctrl+C to stop.
`);
