import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { FREQUENCIES } from "../rules/frequencies";
import {
  ASK_LOCALES,
  LOCALE_NAMES,
  askSettingsSchema,
  settingsProblems,
  type AskSettings,
} from "./settings";

export type AskVersionRow = {
  id: number;
  publishedBy: string;
  publishedAt: Date;
  changes: string[];
  restoredFrom: number | null;
};

export type PublishedSettings = { version: number; settings: AskSettings };

const COPY_NAMES: Record<string, string> = {
  heading: "heading",
  appeal: "appeal",
  button: "button",
  buttonOnce: "one-time button",
  remindPrompt: "remind-me-later prompt",
  remindAction: "remind-me-later link",
  remindChoices: "remind-later choice labels",
  thanks: "thank-you text",
  renewHeading: "renewal heading",
  renewAppeal: "renewal appeal",
};

// PostgreSQL's jsonb keeps keys in its own order: compare objects whatever the order of their keys.
const stable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(stable)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, stable(v)]),
        )
      : value;
const same = (a: unknown, b: unknown) => JSON.stringify(stable(a)) === JSON.stringify(stable(b));

/** What changed between two documents, in words staff read in the history ("English heading", "USD monthly amounts"). */
export function describeChanges(before: AskSettings | null, after: AskSettings): string[] {
  if (!before) return ["First published version"];
  const changes: string[] = [];
  for (const locale of ASK_LOCALES)
    for (const [key, name] of Object.entries(COPY_NAMES))
      if (
        !same(
          before.copy[locale][key as keyof AskSettings["copy"]["en"]],
          after.copy[locale][key as keyof AskSettings["copy"]["en"]],
        )
      )
        changes.push(`${LOCALE_NAMES[locale]} ${name}`);
  if (!same(before.currencies, after.currencies)) changes.push("Currencies offered");
  if (before.defaultCurrency !== after.defaultCurrency) changes.push("Default currency");
  if (before.defaultFrequency !== after.defaultFrequency) changes.push("Default frequency");
  for (const currency of after.currencies)
    for (const frequency of FREQUENCIES)
      if (!same(before.amounts[currency]?.[frequency], after.amounts[currency]?.[frequency]))
        changes.push(`${currency} ${frequency.toLowerCase()} amounts`);
  if (!same(before.remindLater, after.remindLater)) changes.push("Remind-later choices");
  return changes.length > 0 ? changes : ["No changes"];
}

/**
 * A version published before a language was added has no copy in it: it reads in English there until staff
 * write and publish that language's (the editor shows the missing translation).
 */
function withEveryLocale(stored: unknown): unknown {
  const doc = stored as { copy?: Record<string, unknown> } | null;
  if (!doc?.copy?.en) return stored;
  const copy = { ...doc.copy };
  for (const locale of ASK_LOCALES) copy[locale] ??= copy.en;
  return { ...doc, copy };
}

/** The newest published version, or null before the newsroom has published one. */
export async function latestPublished(db: Db): Promise<PublishedSettings | null> {
  const row = await db.askVersion.findFirst({
    orderBy: { id: "desc" },
    select: { id: true, settings: true },
  });
  return row
    ? { version: row.id, settings: askSettingsSchema.parse(withEveryLocale(row.settings)) }
    : null;
}

/** Only the newest version's number: the cache's cheap check (lib/ask/published.ts). */
export async function latestVersionNumber(db: Db): Promise<number> {
  const row = await db.askVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

export async function listVersions(db: Db, take = 50): Promise<AskVersionRow[]> {
  return db.askVersion.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, publishedBy: true, publishedAt: true, changes: true, restoredFrom: true },
  });
}

export async function readDraft(db: Db): Promise<{
  fields: unknown;
  baseVersion: number | null;
  updatedBy: string;
  updatedAt: Date;
} | null> {
  return db.askDraft.findUnique({ where: { id: "main" } });
}

/**
 * Keeps a draft as staff left it, even one that does not validate yet (so work is never lost); the editor
 * shows its problems and publishing refuses it until they are fixed.
 */
export async function saveDraft(
  db: Db,
  fields: Record<string, string | string[]>,
  by: string,
  baseVersion: number | null,
): Promise<void> {
  const data = { fields, baseVersion, updatedBy: by };
  await db.askDraft.upsert({
    where: { id: "main" },
    create: { id: "main", ...data },
    update: data,
  });
}

export async function discardDraft(db: Db): Promise<void> {
  await db.askDraft.deleteMany({ where: { id: "main" } });
}

/**
 * Publishes a whole, valid document as the next version in one statement, so readers see all of it or none.
 * Returns the new version's number.
 */
export async function publishSettings(
  db: Db,
  candidate: unknown,
  by: string,
  restoredFrom: number | null = null,
): Promise<number> {
  const problems = settingsProblems(candidate);
  if (problems.length > 0)
    throw new AppError(
      "invalid_input",
      "The ask has problems to fix before it can be published.",
      Object.fromEntries(problems.map((p) => [p.path, p.message])),
    );
  const settings = askSettingsSchema.parse(candidate);
  return db.$transaction(async (tx) => {
    const before = await latestPublished(tx as unknown as Db);
    const changes =
      restoredFrom !== null
        ? [
            `Restored version ${restoredFrom}`,
            ...describeChanges(before?.settings ?? null, settings),
          ]
        : describeChanges(before?.settings ?? null, settings);
    const row = await tx.askVersion.create({
      data: { settings, publishedBy: by, changes, restoredFrom },
      select: { id: true },
    });
    await tx.askDraft.deleteMany({ where: { id: "main" } });
    return row.id;
  });
}

/** Publishes a copy of an earlier version as the newest (a rollback that keeps the history). */
export async function restoreVersion(db: Db, id: number, by: string): Promise<number> {
  const row = await db.askVersion.findUnique({ where: { id }, select: { settings: true } });
  if (!row) throw new AppError("not_found", `There is no version ${id}.`);
  return publishSettings(db, row.settings, by, id);
}
