/**
 * `npm run stripe:reconcile [-- --since 2026-11-01T00:00:00Z] [--overlap-seconds 300]`: applies the Stripe events
 * the webhook missed since the last run (run it from cron, e.g. hourly). Safe to run at any time, twice at once,
 * or while webhooks arrive: every event goes through the webhook's ledger. Exits 1 if an event could not be
 * applied (it is retried on the next run).
 */
import "./lib/load-env";
import { parseArgs } from "node:util";
import { closeDb, db } from "../lib/db";
import { stripe } from "../lib/stripe/client";
import { reconcileStripeEvents } from "../lib/stripe/reconcile/reconcile";

const { values } = parseArgs({
  options: {
    since: { type: "string" },
    "overlap-seconds": { type: "string" },
    verbose: { type: "boolean", short: "v" },
  },
});
const since = values.since
  ? new Date(/^\d+$/.test(values.since) ? Number(values.since) * 1000 : values.since)
  : undefined;
if (since && Number.isNaN(since.getTime())) throw new Error(`--since: not a date: ${values.since}`);
const overlapSeconds = values["overlap-seconds"] ? Number(values["overlap-seconds"]) : undefined;

try {
  const summary = await reconcileStripeEvents(
    { db, stripe: stripe() },
    {
      since,
      overlapSeconds,
      log: (line) => (values.verbose || line.startsWith("FAILED") ? console.log(line) : undefined),
    },
  );
  console.log(
    `stripe:reconcile: ${summary.listed} events listed${summary.from ? ` since ${summary.from.toISOString()}` : ""}: ` +
      `${summary.applied} applied (missed by the webhook), ${summary.alreadyRecorded} already recorded, ${summary.ignored} ignored, ` +
      `${summary.failed.length} failed; checkpoint ${summary.checkpoint ? `${summary.checkpoint.createdUpTo.toISOString()} (${summary.checkpoint.lastEventId})` : "none"}`,
  );
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
} finally {
  await closeDb();
}
