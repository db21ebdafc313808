import "../lib/load-env";
import { closeDb, db } from "@/lib/db";
import { env } from "@/lib/env";
import { seed, seedDemoAccounts } from "@/lib/seed/seed";
import { emulatorLinks, PLACEHOLDER_LINKS } from "@/lib/seed/stripe-accounts";
import { EMULATOR_STATE_FILE } from "../lib/emulator-state";
import { seedEmulator } from "../lib/seed-emulator";
import { runCli } from "./cli";

// `npm run db:seed [-- --supporters 5000]`: demo history in the app's database (run `npm run db:migrate` first).
runCli(async () => {
  const arg = process.argv.indexOf("--supporters");
  const supporters = arg > 0 ? Number(process.argv[arg + 1]) : 2000;
  if (!Number.isInteger(supporters) || supporters < 1 || supporters > 200_000)
    throw new Error("--supporters must be a whole number from 1 to 200000");
  try {
    const started = Date.now();
    const config = env();
    // In test mode the seeded readers' receipts, invoices and portal live in the emulator: link to its pages.
    const links = config.stripeEmulated
      ? emulatorLinks(config.STRIPE_EMULATOR_URL)
      : PLACEHOLDER_LINKS;
    const result = await seed(db, { supporters, links });
    const demo = await seedDemoAccounts(db, new Date(), links);
    const url = config.APP_URL;
    console.log(
      `Seeded ${result.supporters} supporters and ${result.payments} payments over 18 months in ${Math.round((Date.now() - started) / 1000)} s.`,
    );
    if (config.stripeEmulated) {
      const where = await seedEmulator(
        [...result.stripe, ...demo],
        config.STRIPE_EMULATOR_URL,
        EMULATOR_STATE_FILE,
      );
      console.log(
        `Created their customers, subscriptions, invoices and charges in the Stripe emulator (${where === "state file" ? EMULATOR_STATE_FILE : config.STRIPE_EMULATOR_URL}).`,
      );
    } else {
      console.log(
        "With a real Stripe key the seeded history exists only in the database: its receipt links and portal do not open.",
      );
    }
    console.log(`
  Sign in as the demo admin:  ${url}/signin  with  admin@example.com  → ${url}/dashboard
  Sign in as a demo reader:   ${url}/signin  with  reader@example.com → ${url}/account
  ${env().mailCaptured ? `The sign-in link appears in the development mailbox: ${url}/dev/mailbox` : "The sign-in link is emailed through EMAIL_SERVER."}`);
  } finally {
    await closeDb();
  }
});
