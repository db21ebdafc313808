/**
 * The ask editor's form (/dashboard/ask) and the settings document, both ways. A draft is kept as the form's
 * fields, exactly as staff typed them (an amount that does not read yet is not lost); reading them gives a
 * candidate document and every problem to fix before it can be published.
 */
import { CURRENCIES, type Currency } from "../rules/currencies";
import { FREQUENCIES } from "../rules/frequencies";
import { toMajorText, toMinor } from "../rules/money";
import { AMOUNTS } from "./amounts";
import {
  ASK_LOCALES,
  askCopySchema,
  settingsProblems,
  type AmountSettings,
  type AskSettings,
  type SettingsProblem,
} from "./settings";

export type SettingsFields = Record<string, string | string[]>;

export const COPY_KEYS = Object.keys(askCopySchema.shape).filter(
  (k) => k !== "remindChoices",
) as Exclude<keyof AskSettings["copy"]["en"], "remindChoices">[];

const majorList = (minors: readonly number[], currency: Currency) =>
  minors.map((m) => toMajorText(m, currency)).join(", ");

export function fieldsFromSettings(settings: AskSettings): SettingsFields {
  const fields: SettingsFields = {
    currencies: [...settings.currencies],
    defaultCurrency: settings.defaultCurrency,
    defaultFrequency: settings.defaultFrequency,
    "remindLater.defaultChoice": settings.remindLater.defaultChoice,
    "remindLater.ids": settings.remindLater.choices.map((c) => c.id).join(","),
  };
  for (const locale of ASK_LOCALES) {
    const copy = settings.copy[locale];
    for (const key of COPY_KEYS) fields[`copy.${locale}.${key}`] = copy[key];
    for (const choice of settings.remindLater.choices)
      fields[`copy.${locale}.remindChoices.${choice.id}`] = copy.remindChoices[choice.id] ?? "";
  }
  for (const choice of settings.remindLater.choices)
    fields[`remindLater.${choice.id}.days`] = String(choice.days);
  for (const currency of settings.currencies)
    for (const frequency of FREQUENCIES) {
      const rules = settings.amounts[currency]?.[frequency];
      if (!rules) continue;
      const at = `amounts.${currency}.${frequency}`;
      fields[`${at}.presets`] = majorList(rules.presets, currency);
      fields[`${at}.defaultAmount`] = toMajorText(rules.defaultAmount, currency);
      fields[`${at}.min`] = toMajorText(rules.min, currency);
      fields[`${at}.max`] = toMajorText(rules.max, currency);
      fields[`${at}.recommended`] =
        rules.recommended === null ? "" : toMajorText(rules.recommended, currency);
    }
  return fields;
}

/** Only the editor's own fields, each at most 4,000 characters: anything else posted is dropped. */
export function fieldsFromForm(form: FormData): SettingsFields {
  const fields: SettingsFields = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || !/^[A-Za-z0-9.-]{1,80}$/.test(name)) continue;
    if (!/^(copy|amounts|remindLater|currencies|default)/.test(name)) continue;
    const text = value.slice(0, 4000);
    if (name === "currencies")
      fields.currencies = [...((fields.currencies as string[]) ?? []), text];
    else fields[name] = text;
  }
  fields.currencies ??= [];
  return fields;
}

const one = (fields: SettingsFields, name: string): string => {
  const value = fields[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
};

export type ReadSettings = { candidate: AskSettings; problems: SettingsProblem[] };

/** The form's fields as a document, and every problem: amounts that do not read, then the document's rules. */
export function settingsFromFields(fields: SettingsFields, base: AskSettings): ReadSettings {
  const problems: SettingsProblem[] = [];
  const all = fields.currencies;
  const currencies = (Array.isArray(all) ? all : all ? [all] : []).filter((c): c is Currency =>
    (CURRENCIES as readonly string[]).includes(c),
  );
  const amountOf = (text: string, currency: Currency, path: string, what: string) => {
    const minor = toMinor(text, currency);
    if (minor === null)
      problems.push({ path, message: `${what}: "${text}" is not an amount in ${currency}.` });
    return minor ?? 0;
  };
  const amounts: AskSettings["amounts"] = {};
  for (const currency of currencies) {
    const table = {} as Record<(typeof FREQUENCIES)[number], AmountSettings>;
    for (const frequency of FREQUENCIES) {
      const at = `amounts.${currency}.${frequency}`;
      const name = `${currency} ${frequency.toLowerCase()}`;
      // A currency just ticked starts from the built-in steps for it.
      if (fields[`${at}.presets`] === undefined) {
        const steps = base.amounts[currency]?.[frequency] ?? {
          ...AMOUNTS[currency][frequency],
          recommended: null,
        };
        table[frequency] = { ...steps, presets: [...steps.presets] };
        continue;
      }
      const presets = one(fields, `${at}.presets`)
        // "10, 25, 50" or "10 25 50"; a comma without a space stays inside an amount ("1,000", "12,50").
        .split(/\s*;\s*|,\s+|\s+/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => amountOf(p, currency, `${at}.presets`, `${name} presets`));
      const recommended = one(fields, `${at}.recommended`);
      table[frequency] = {
        presets,
        defaultAmount: amountOf(
          one(fields, `${at}.defaultAmount`),
          currency,
          `${at}.defaultAmount`,
          `${name} default`,
        ),
        min: amountOf(one(fields, `${at}.min`), currency, `${at}.min`, `${name} minimum`),
        max: amountOf(one(fields, `${at}.max`), currency, `${at}.max`, `${name} maximum`),
        recommended: recommended
          ? amountOf(recommended, currency, `${at}.recommended`, `${name} recommended`)
          : null,
      };
    }
    amounts[currency] = table;
  }
  const ids = one(fields, "remindLater.ids")
    .split(",")
    .filter((id) => /^[a-z0-9-]{1,20}$/.test(id));
  const choices = (ids.length ? ids : base.remindLater.choices.map((c) => c.id)).map((id) => {
    const text = one(fields, `remindLater.${id}.days`);
    const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(days))
      problems.push({
        path: `remindLater.${id}.days`,
        message: `Say after how many days "${id}" asks again.`,
      });
    return { id, days: Number.isNaN(days) ? 1 : days };
  });
  const copy = {} as AskSettings["copy"];
  for (const locale of ASK_LOCALES) {
    const entry = {} as AskSettings["copy"]["en"];
    for (const key of COPY_KEYS)
      entry[key] = String(fields[`copy.${locale}.${key}`] ?? "").replace(/\r\n/g, "\n");
    entry.remindChoices = Object.fromEntries(
      choices.map((c) => [c.id, one(fields, `copy.${locale}.remindChoices.${c.id}`)]),
    );
    copy[locale] = entry;
  }
  const candidate = {
    currencies,
    defaultCurrency: one(fields, "defaultCurrency") as Currency,
    defaultFrequency: one(fields, "defaultFrequency") as AskSettings["defaultFrequency"],
    amounts,
    remindLater: { choices, defaultChoice: one(fields, "remindLater.defaultChoice") },
    copy,
  };
  // A field that did not read is reported once, by what it said, not again as a rule it then broke.
  const unread = new Set(problems.map((p) => p.path));
  for (const problem of settingsProblems(candidate))
    if (!unread.has(problem.path)) problems.push(problem);
  return { candidate, problems };
}
