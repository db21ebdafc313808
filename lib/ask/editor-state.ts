import type { Db } from "../db";
import { env } from "../env";
import { latestPublished, listVersions, readDraft, type AskVersionRow } from "./ask-versions";
import { defaultAskSettings, type AskSettings, type SettingsProblem } from "./settings";
import { fieldsFromSettings, settingsFromFields, type SettingsFields } from "./settings-form";

export type AskEditorState = {
  /** What the form shows: the draft's fields as typed, else the published ask's. */
  fields: SettingsFields;
  candidate: AskSettings;
  problems: SettingsProblem[];
  draft: { updatedBy: string; updatedAt: Date; baseVersion: number | null } | null;
  versions: AskVersionRow[];
};

export async function askEditorState(db: Db): Promise<AskEditorState> {
  const [published, draft, versions] = await Promise.all([
    latestPublished(db),
    readDraft(db),
    listVersions(db),
  ]);
  const base = published?.settings ?? defaultAskSettings(env().DEFAULT_CURRENCY);
  const fields = draft ? (draft.fields as SettingsFields) : fieldsFromSettings(base);
  const { candidate, problems } = settingsFromFields(fields, base);
  return {
    fields,
    candidate,
    problems,
    draft: draft
      ? { updatedBy: draft.updatedBy, updatedAt: draft.updatedAt, baseVersion: draft.baseVersion }
      : null,
    versions,
  };
}

type Query = Record<string, string | string[] | undefined>;
const one = (q: Query, key: string) => (typeof q[key] === "string" ? (q[key] as string) : "");
const number = (text: string) => (/^\d{1,7}$/.test(text) ? text : null);

/** The editor's message after a save, publish, restore or refusal: from codes, never words in the URL. */
export function editorNotice(query: Query): { text: string; error: boolean } | null {
  const version = number(one(query, "version"));
  switch (one(query, "done")) {
    case "saved":
      return {
        text: "Draft saved. The preview shows it; readers still see the published ask.",
        error: false,
      };
    case "discarded":
      return { text: "Draft discarded.", error: false };
    case "published":
      return version
        ? {
            text: `Published as version ${version}. Readers see it within a few seconds.`,
            error: false,
          }
        : null;
    case "restored": {
      const from = number(one(query, "from"));
      return version && from
        ? { text: `Version ${from} restored and published as version ${version}.`, error: false }
        : null;
    }
  }
  switch (one(query, "error")) {
    case "admin-only":
      return { text: "Draft saved. Only an admin can publish it.", error: true };
    case "problems":
      return {
        text: "Draft saved, but not published: fix the problems listed below first.",
        error: true,
      };
    case "no-version":
      return { text: "There is no such version to restore.", error: true };
  }
  return null;
}
