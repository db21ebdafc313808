import { beforeEach, describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { isAppError } from "../errors/app-error";
import {
  latestPublished,
  listVersions,
  publishSettings,
  readDraft,
  restoreVersion,
  saveDraft,
} from "./ask-versions";
import { CHECK_EVERY_MS, forgetPublishedAsk, publishedAsk } from "./published";
import { defaultAskSettings } from "./settings";

setUpTestBackends();

beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE "AskVersion", "AskDraft" RESTART IDENTITY`);
});

describe("published versions of the ask", () => {
  it("publishes whole valid documents as numbered, immutable versions that say what changed, and restores an earlier one", async () => {
    expect(await latestPublished(db)).toBeNull();
    const first = defaultAskSettings();
    expect(await publishSettings(db, first, "admin@example.com")).toBe(1);

    const second = structuredClone(first);
    second.copy.en.heading = "Keep {publication} independent";
    second.amounts.USD!.MONTHLY.presets = [700, 1500, 3000];
    second.amounts.USD!.MONTHLY.defaultAmount = 1500;
    second.amounts.USD!.MONTHLY.recommended = 1500;
    await saveDraft(db, { any: "fields" }, "staff@example.com", 1);
    expect(await publishSettings(db, second, "admin@example.com")).toBe(2);
    // Publishing takes the draft's place.
    expect(await readDraft(db)).toBeNull();
    expect((await latestPublished(db))?.settings.copy.en.heading).toBe(
      "Keep {publication} independent",
    );

    expect(await restoreVersion(db, 1, "admin@example.com")).toBe(3);
    const versions = await listVersions(db);
    expect(versions.map((v) => [v.id, v.restoredFrom, v.changes])).toEqual([
      [3, 1, ["Restored version 1", "English heading", "USD monthly amounts"]],
      [2, null, ["English heading", "USD monthly amounts"]],
      [1, null, ["First published version"]],
    ]);
    expect((await latestPublished(db))?.settings).toEqual(first);
  });

  it("refuses a document with problems, naming each, and publishes nothing", async () => {
    const bad = structuredClone(defaultAskSettings());
    bad.copy.ru.heading = "";
    bad.amounts.EUR!.ONCE.presets = [1];
    const error = await publishSettings(db, bad, "admin@example.com").catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("invalid_input");
    expect(isAppError(error) && error.details).toMatchObject({
      "copy.ru.heading": "Russian: Write the heading.",
      "amounts.EUR.ONCE.presets": expect.stringMatching(/outside its limits/),
    });
    expect(await listVersions(db)).toEqual([]);
    expect(await restoreVersion(db, 99, "a").catch((e: unknown) => isAppError(e) && e.code)).toBe(
      "not_found",
    );
  });

  it("readers get the newest version within the check interval, the database read at most once per interval", async () => {
    forgetPublishedAsk();
    expect((await publishedAsk(db)).version).toBe(0); // the built-in ask
    await publishSettings(db, defaultAskSettings("EUR"), "admin@example.com");
    // Within the interval: the cached version, without asking the database.
    expect((await publishedAsk(db)).version).toBe(0);
    await new Promise((r) => setTimeout(r, CHECK_EVERY_MS + 50));
    // Past the interval, the next read checks and sees it.
    expect((await publishedAsk(db)).version).toBe(1);
    expect((await publishedAsk(db)).settings.defaultCurrency).toBe("EUR");
    forgetPublishedAsk();
  });
});
