import { describe, expect, it } from "vitest";
import { recordRemindLater } from "../ask/remind-later";
import { newReaderKey } from "../ask/reader-state";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { sendDueReminders, unsubscribeByToken } from "./send-due-reminders";

setUpTestBackends();

const day = 86_400_000;

/** A reminder the reader asked for while signed in (their own verified address): confirmed at once. */
async function remind(email: string, choice: "tomorrow" | "week", at: Date) {
  const supporter = await db.supporter.create({ data: { email, emailVerified: at } });
  await recordRemindLater(db, {
    supporterId: supporter.id,
    choice,
    surface: "article",
    variant: "default",
    email,
    consent: "on",
    frequency: "ANNUAL",
    currency: "GBP",
    amount: 5000,
    readerKey: newReaderKey(),
    now: at,
  });
}

describe("the reminder job", () => {
  it("sends each due reminder once, even when two runs overlap, and never to an unsubscribed address", async () => {
    const start = new Date("2026-01-10T09:00:00Z");
    for (let i = 0; i < 30; i++) await remind(`due${i}@example.com`, "tomorrow", start);
    await remind("later@example.com", "week", start);
    await remind("gone@example.com", "tomorrow", start);
    const gone = await db.reminder.findFirstOrThrow({ where: { email: "gone@example.com" } });
    expect(await unsubscribeByToken(db, gone.unsubscribeToken)).toBe("gone@example.com");

    const options = {
      now: new Date(start.getTime() + 2 * day),
      appUrl: "https://news.example",
      publication: "The Ledger",
      batchSize: 4,
    };
    const [a, b] = await Promise.all([
      sendDueReminders(db, options),
      sendDueReminders(db, options),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(a.skipped + b.skipped).toBe(1);

    const mails = await db.capturedMail.findMany({
      where: { subject: "Your reminder to support The Ledger" },
    });
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((m) => m.to)).size).toBe(30);
    expect(mails.some((m) => m.to === "gone@example.com" || m.to === "later@example.com")).toBe(
      false,
    );
    expect(mails[0]!.text).toContain(
      "https://news.example/support?frequency=ANNUAL&currency=GBP&amount=5000",
    );
    expect(mails[0]!.text).toContain("https://news.example/reminders/unsubscribe?token=");

    const again = await sendDueReminders(db, options);
    expect(again).toEqual({ sent: 0, skipped: 0, expired: 0 });
  });

  it("rejects an unknown unsubscribe token", async () => {
    expect(await unsubscribeByToken(db, "no-such-token-at-all")).toBeNull();
  });
});
