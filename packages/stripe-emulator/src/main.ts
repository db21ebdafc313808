/**
 * The emulator on its own (`npm start -w @reader-revenue/stripe-emulator`), configured by its environment (see
 * cli.ts); STRIPE_WEBHOOK_SECRET is required. The app's `npm run emulator` (scripts/emulator.ts) defaults the
 * secret to the install's generated one.
 */
import { runFromEnvironment } from "./cli";

try {
  await runFromEnvironment();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
