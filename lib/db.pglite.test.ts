import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRemindLater } from "@/lib/ask/remind-later";
import * as lib from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { setEnvForTests } from "@/lib/env";
import { confirmReminder } from "@/lib/reminders/confirmation";
import { sendDueReminders } from "@/lib/reminders/send-due-reminders";

describe("lib/db on the embedded PGlite", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pglite-db-"));
    await applyMigrations({ pgliteDir: dir });
    setEnvForTests({ DATABASE_URL: undefined, PGLITE_DIR: dir });
  });
  afterAll(async () => {
    await lib.closeDb();
    await rm(dir, { recursive: true, force: true });
  });

  it("inserts and reads a Supporter, and reports a duplicate email as a unique violation", async () => {
    const created = await lib.db.supporter.create({ data: { email: "embedded@example.org" } });
    expect(await lib.db.supporter.findUnique({ where: { id: created.id } })).toMatchObject({
      role: "READER",
    });
    const duplicate = await lib.db.supporter
      .create({ data: { email: "embedded@example.org" } })
      .catch((e: unknown) => e);
    expect(lib.isUniqueViolation(duplicate)).toBe(true);
  });

  it("runs remind me later's confirmation (its advisory lock, raw claims) as on PostgreSQL", async () => {
    const at = new Date(Date.now() - 30 * 3_600_000);
    const base = {
      choice: "tomorrow",
      surface: "article",
      variant: "default",
      email: "quick@example.org",
      consent: "on",
      readerKey: "quick-start-reader-key1",
      now: at,
    } as const;
    expect(await recordRemindLater(lib.db, base)).toMatchObject({ confirm: true });
    const mail = await lib.db.capturedMail.findFirstOrThrow({ where: { to: "quick@example.org" } });
    const token = mail.text.match(/confirm\?token=([A-Za-z0-9_-]+)/)![1]!;
    expect(await confirmReminder(lib.db, token, new Date())).toMatchObject({ state: "confirmed" });
    expect(
      await sendDueReminders(lib.db, {
        now: new Date(),
        appUrl: "http://localhost:3000",
        publication: "Quick",
      }),
    ).toMatchObject({ sent: 1 });
  });
});
