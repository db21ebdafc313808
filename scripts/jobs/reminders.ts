/**
 * `npm run jobs:reminders`: sends the reminder emails that are due (run it from cron, e.g. every 10 minutes).
 * Safe to run on several machines at once: each reminder is claimed before it is sent.
 */
import "../lib/load-env";
import { closeDb, db } from "../../lib/db";
import { env } from "../../lib/env";
import { sendDueReminders } from "../../lib/reminders/send-due-reminders";

const config = env();
const result = await sendDueReminders(db, {
  now: new Date(),
  appUrl: config.APP_URL,
  publication: config.PUBLICATION_NAME,
});
console.log(
  `reminders: ${result.sent} sent, ${result.skipped} skipped (unsubscribed), ${result.expired} unconfirmed requests expired`,
);
await closeDb();
