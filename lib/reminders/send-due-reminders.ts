import type { PrismaClient } from "../../generated/prisma/client";
import { sendMail } from "../mail/send-mail";
import { all, q } from "../db/query";
import { prismaSql } from "../db/sql";
import { deleteExpiredRequests } from "./confirmation";
import { oneClickUnsubscribeUrl, reminderMail } from "./reminder-mail";

export type SendReminder = (mail: {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}) => Promise<void>;

type Options = {
  now: Date;
  appUrl: string;
  publication: string;
  send?: SendReminder;
  batchSize?: number;
};

/** Through the mail transport (SMTP, or the local capture), with the one-click unsubscribe headers of RFC 8058. */
const sendThroughMailTransport: SendReminder = ({ unsubscribeUrl, ...mail }) =>
  sendMail({
    ...mail,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });

// A claim that never turned into a send (the job died in between) is released after this long.
const STALE_CLAIM_MS = 60 * 60 * 1000;

/**
 * Sends every due, confirmed reminder once (unconfirmed ones never; past the confirmation window they are
 * deleted). Rows are claimed with FOR UPDATE SKIP LOCKED before sending, so jobs running
 * at the same time split the work instead of sending twice; opted-out addresses are skipped.
 */
export async function sendDueReminders(
  db: PrismaClient,
  options: Options,
): Promise<{ sent: number; skipped: number; expired: number }> {
  const batch = options.batchSize ?? 50;
  const send = options.send ?? sendThroughMailTransport;
  const staleBefore = new Date(options.now.getTime() - STALE_CLAIM_MS);
  const expired = await deleteExpiredRequests(db, options.now);
  let sent = 0;
  let skipped = 0;
  for (;;) {
    const claimed = await all(
      prismaSql(db),
      q
        .updateTable("Reminder")
        .set({ claimedAt: options.now })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("Reminder")
            .select("id")
            .where("sentAt", "is", null)
            .where("confirmedAt", "is not", null)
            .where("dueAt", "<=", options.now)
            .where((w) => w.or([w("claimedAt", "is", null), w("claimedAt", "<", staleBefore)]))
            .orderBy("dueAt")
            .limit(batch)
            .forUpdate()
            .skipLocked(),
        )
        .returning(["id", "email", "frequency", "amount", "currency", "unsubscribeToken"]),
    );
    if (claimed.length === 0) return { sent, skipped, expired };

    const optedOut = new Set(
      (
        await db.emailOptOut.findMany({
          where: { email: { in: claimed.map((r) => r.email) } },
          select: { email: true },
        })
      ).map((o) => o.email),
    );
    for (const reminder of claimed) {
      if (optedOut.has(reminder.email)) {
        await db.reminder.delete({ where: { id: reminder.id } });
        skipped++;
        continue;
      }
      const content = { ...reminder, appUrl: options.appUrl, publication: options.publication };
      const mail = reminderMail(content);
      await send({
        to: reminder.email,
        ...mail,
        unsubscribeUrl: oneClickUnsubscribeUrl(options.appUrl, reminder.unsubscribeToken),
      });
      await db.reminder.update({ where: { id: reminder.id }, data: { sentAt: new Date() } });
      sent++;
    }
  }
}

/** One-click unsubscribe: the address gets no reminder again. */
export async function unsubscribeByToken(db: PrismaClient, token: string): Promise<string | null> {
  const reminder = await db.reminder.findUnique({
    where: { unsubscribeToken: token },
    select: { email: true },
  });
  if (!reminder) return null;
  // Pending reminders stay (the link keeps working); the job skips and drops them when they fall due.
  await db.emailOptOut.upsert({
    where: { email: reminder.email },
    create: { email: reminder.email },
    update: {},
  });
  return reminder.email;
}
