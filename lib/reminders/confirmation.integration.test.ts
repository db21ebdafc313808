import { describe, expect, it } from "vitest";
import type { RemindLaterRequest } from "../ask/remind-later";
import { newReaderKey } from "../ask/reader-state";
import { publicTestHost, setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { recordRemindLater } from "../ask/remind-later";
import * as confirmation from "./confirmation";
import { sendDueReminders } from "./send-due-reminders";
import { handleConfirmReminder } from "./handle-confirm";
import { handleUnsubscribe } from "./handle-unsubscribe";

/**
 * Remind me later, against a real database: a reminder email goes only to an address that confirmed it (the
 * signed-in reader's own, or by the link mailed to it), at most one is pending per address, and confirmation
 * mails are limited per address and per client address.
 */
const APP_URL = "https://news.example";

setUpTestBackends({
  env: {
    ...publicTestHost(APP_URL),
    PUBLICATION_NAME: "The Ledger",
    RATE_LIMIT_REMINDER_PER_EMAIL: "3",
    RATE_LIMIT_REMINDER_PER_IP: "5",
    RATE_LIMIT_WINDOW_SECONDS: "600",
  },
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let ip = 0;
const nextIp = () => `198.51.100.${++ip % 250}`;

function ask(
  email: string,
  at: Date,
  extra: Partial<RemindLaterRequest> & { supporterId?: string; clientAddress?: string } = {},
) {
  return recordRemindLater(db, {
    choice: "tomorrow",
    surface: "article",
    variant: "default",
    email,
    consent: "on",
    frequency: "MONTHLY",
    currency: "EUR",
    amount: 1500,
    readerKey: newReaderKey(),
    now: at,
    clientAddress: nextIp(),
    ...extra,
  });
}

const confirmationMails = (to: string) =>
  db.capturedMail.findMany({
    where: { to, subject: "Confirm your reminder from The Ledger" },
    orderBy: { createdAt: "asc" },
  });
const reminderMails = (to: string) =>
  db.capturedMail.count({ where: { to, subject: "Your reminder to support The Ledger" } });
const reminders = (email: string) =>
  db.reminder.findMany({ where: { email }, orderBy: { createdAt: "asc" } });

async function linkToken(to: string): Promise<string> {
  const mails = await confirmationMails(to);
  const link = mails
    .at(-1)
    ?.text.match(/https:\/\/news\.example\/reminders\/confirm\?token=([A-Za-z0-9_-]+)/);
  if (!link) throw new Error(`no confirmation link for ${to}`);
  return link[1]!;
}

const job = (now: Date) =>
  sendDueReminders(db, { now, appUrl: APP_URL, publication: "The Ledger" });

describe("a reminder to an address the reader has not proved", () => {
  it("sends a confirmation mail only; unconfirmed it is never sent and then expires", async () => {
    const at = new Date("2026-03-01T10:00:00Z");
    expect(await ask("stranger@example.com", at)).toMatchObject({ reminder: true, confirm: true });
    expect(await confirmationMails("stranger@example.com")).toHaveLength(1);
    const [row] = await reminders("stranger@example.com");
    expect(row).toMatchObject({ confirmedAt: null, sentAt: null });
    // The mailed token is kept only as a hash.
    expect(row!.confirmTokenHash).toBe(
      confirmation.hashConfirmToken(await linkToken("stranger@example.com")),
    );

    expect(await job(new Date(at.getTime() + DAY + HOUR))).toMatchObject({ sent: 0, expired: 0 });
    expect(await reminderMails("stranger@example.com")).toBe(0);
    expect(await job(new Date(at.getTime() + 49 * HOUR))).toMatchObject({ sent: 0, expired: 1 });
    expect(await reminders("stranger@example.com")).toEqual([]);
  });

  it("becomes due once the link's page is confirmed (opening it changes nothing), and is sent once", async () => {
    const at = new Date(Date.now() - 30 * HOUR); // asked yesterday for "tomorrow": due six hours ago
    await ask("owner@example.com", at);
    const token = await linkToken("owner@example.com");
    expect(await confirmation.confirmationState(db, token, new Date())).toMatchObject({
      state: "pending",
    });
    expect(await job(new Date())).toMatchObject({ sent: 0 });

    const pressed = await handleConfirmReminder(
      new Request(`http://localhost:3000/api/reminders/confirm?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: APP_URL },
        body: "",
      }),
    );
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("location")).toBe(`${APP_URL}/reminders/confirm?token=${token}`);
    expect(await confirmation.confirmationState(db, token, new Date())).toMatchObject({
      state: "confirmed",
    });
    expect(await confirmation.confirmReminder(db, token, new Date())).toMatchObject({
      state: "confirmed",
    }); // twice is fine

    expect(await job(new Date())).toMatchObject({ sent: 1 });
    expect(await reminderMails("owner@example.com")).toBe(1);
    expect(await job(new Date())).toMatchObject({ sent: 0 });
  });

  it("refuses a link past the confirmation window, an unknown token, and another site's button", async () => {
    await ask("late@example.com", new Date(Date.now() - 49 * HOUR));
    const token = await linkToken("late@example.com");
    expect(await confirmation.confirmReminder(db, token, new Date())).toEqual({ state: "expired" });
    expect((await reminders("late@example.com"))[0]!.confirmedAt).toBeNull();
    expect(await confirmation.confirmReminder(db, "x".repeat(32), new Date())).toEqual({
      state: "unknown",
    });

    const post = (t: string, origin: string) =>
      handleConfirmReminder(
        new Request(`${APP_URL}/api/reminders/confirm?token=${t}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: "{}",
        }),
      );
    expect((await post(token, APP_URL)).status).toBe(410);
    expect((await post("y".repeat(32), APP_URL)).status).toBe(404);
    expect((await post("<script>", APP_URL)).status).toBe(400);
    await ask("forged@example.com", new Date());
    expect((await post(await linkToken("forged@example.com"), "https://evil.example")).status).toBe(
      403,
    );
    expect((await reminders("forged@example.com"))[0]!.confirmedAt).toBeNull();
  });

  it("70 requests for one address from rotating client addresses: 3 confirmation mails, one request kept, nothing sent", async () => {
    const results = [];
    for (let i = 0; i < 70; i++)
      results.push(
        await ask("victim@example.com", new Date()).then(
          () => "ok",
          (e: { code?: string }) => e.code,
        ),
      );
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(67);
    expect(await confirmationMails("victim@example.com")).toHaveLength(3);
    const rows = await reminders("victim@example.com");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.confirmedAt).toBeNull();
    expect(await job(new Date(Date.now() + 2 * DAY))).toMatchObject({ sent: 0 });
    expect(await reminderMails("victim@example.com")).toBe(0);
  });

  it("limits confirmation mails per client address across addresses, before storing anything", async () => {
    const before = await db.remindLater.count();
    const results = [];
    for (let i = 0; i < 8; i++)
      results.push(
        await ask(`spray${i}@example.com`, new Date(), { clientAddress: "203.0.113.7" }).then(
          () => "ok",
          (e: { code?: string }) => e.code,
        ),
      );
    expect(results).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ]);
    expect(await db.remindLater.count()).toBe(before + 5);
    expect(await db.reminder.count({ where: { email: { startsWith: "spray" } } })).toBe(5);
  });

  it("a stranger's request does not cancel the owner's pending reminder; the owner confirming a newer one replaces it", async () => {
    const owner = await db.supporter.create({
      data: { email: "keeper@example.com", emailVerified: new Date() },
    });
    await ask("keeper@example.com", new Date(), { supporterId: owner.id });
    await ask("keeper@example.com", new Date()); // someone else's browser
    let rows = await reminders("keeper@example.com");
    expect(rows.map((r) => Boolean(r.confirmedAt))).toEqual([true, false]);

    await confirmation.confirmReminder(db, await linkToken("keeper@example.com"), new Date());
    rows = await reminders("keeper@example.com");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.confirmedAt).not.toBeNull();
  });

  it("an address that unsubscribed gets no confirmation mail (and the answer is the same)", async () => {
    await db.emailOptOut.create({ data: { email: "quiet@example.com" } });
    expect(await ask("quiet@example.com", new Date())).toMatchObject({
      reminder: true,
      confirm: true,
    });
    expect(await confirmationMails("quiet@example.com")).toHaveLength(0);
    expect(await reminders("quiet@example.com")).toEqual([]);
  });
});

describe("a reminder to the signed-in reader's own address", () => {
  it("is confirmed at once without mail, and a newer request replaces the pending one", async () => {
    const reader = await db.supporter.create({
      data: { email: "me@example.com", emailVerified: new Date() },
    });
    const at = new Date(Date.now() - 30 * HOUR);
    expect(await ask("me@example.com", at, { supporterId: reader.id })).toMatchObject({
      reminder: true,
      confirm: false,
    });
    expect(
      await ask("me@example.com", at, { supporterId: reader.id, choice: "week" }),
    ).toMatchObject({ confirm: false });
    expect(await confirmationMails("me@example.com")).toHaveLength(0);
    const rows = await reminders("me@example.com");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dueAt.getTime()).toBe(at.getTime() + 7 * DAY);
  });

  it("needs a proved address: a supporter who never signed in (emailVerified unset) confirms by mail", async () => {
    const payer = await db.supporter.create({ data: { email: "payer@example.com" } });
    expect(await ask("payer@example.com", new Date(), { supporterId: payer.id })).toMatchObject({
      confirm: true,
    });
    expect(await confirmationMails("payer@example.com")).toHaveLength(1);
    // Nor does a signed-in reader's cookie confirm someone else's address.
    const reader = await db.supporter.create({
      data: { email: "reader2@example.com", emailVerified: new Date() },
    });
    expect(await ask("other2@example.com", new Date(), { supporterId: reader.id })).toMatchObject({
      confirm: true,
    });
  });
});

describe("the unsubscribe button", () => {
  it("redirects to APP_URL's page, not to the host the request reached (a proxy's upstream)", async () => {
    const reader = await db.supporter.create({
      data: { email: "leaving@example.com", emailVerified: new Date() },
    });
    await ask("leaving@example.com", new Date(), { supporterId: reader.id });
    const [row] = await reminders("leaving@example.com");
    const response = await handleUnsubscribe(
      new Request(
        `http://localhost:3000/api/reminders/unsubscribe?token=${row!.unsubscribeToken}`,
        {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: APP_URL,
            host: "localhost:3000",
          },
          body: "",
        },
      ),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `${APP_URL}/reminders/unsubscribe?token=${row!.unsubscribeToken}&done=1`,
    );
    expect(await db.emailOptOut.count({ where: { email: "leaving@example.com" } })).toBe(1);
  });
});
