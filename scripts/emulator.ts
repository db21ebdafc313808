/**
 * `npm run emulator`: the Stripe emulator (packages/stripe-emulator) for this app, configured by its environment
 * (see the package's README); STRIPE_WEBHOOK_SECRET defaults to the install's generated one (.data/secrets.json,
 * lib/demo-secrets.ts). `npm start`, the benchmarks and the e2e suite start it this way too.
 */
import { runFromEnvironment } from "@reader-revenue/stripe-emulator";
import { loadDemoSecrets } from "../lib/demo-secrets";

await runFromEnvironment({ webhookSecret: () => loadDemoSecrets().STRIPE_WEBHOOK_SECRET });
