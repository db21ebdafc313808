import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";

describe("lib/db on the embedded PGlite", () => {
  let dir: string;
  let lib: typeof import("@/lib/db");

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pglite-db-"));
    await applyMigrations({ pgliteDir: dir });
    // lib/env reads process.env once, on first use: choose PGlite before that.
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = dir;
    lib = await import("@/lib/db");
  });
  afterAll(async () => {
    await lib?.closeDb();
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
    const { recordRemindLater } = await import("@/lib/ask/remind-later");
    const { confirmReminder } = await import("@/lib/reminders/confirmation");
    const { sendDueReminders } = await import("@/lib/reminders/send-due-reminders");
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
