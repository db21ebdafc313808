/**
 * The ask as the newsroom sets it up in the dashboard (/dashboard/ask): its words per language, the currencies
 * it offers, per currency and frequency the presets, default, limits and recommended mark, the frequency it
 * starts on and the "remind me later" choices. Published versions are immutable rows (lib/ask/ask-versions.ts);
 * every reader surface renders from the one published document (lib/ask/published.ts).
 */
import { z } from "zod";
import { CURRENCIES, type Currency } from "../rules/currencies";
import { FREQUENCIES, type Frequency } from "../rules/frequencies";
import { formatMoney, stripeMinimum } from "../rules/money";
import { AMOUNTS } from "./amounts";

import { SUPPORTED_LOCALES, type Locale } from "../i18n/locale";

/** The languages the ask's copy must come in: the UI's (lib/i18n/locale.ts, messages/*.json). */
export const ASK_LOCALES = SUPPORTED_LOCALES;
export type AskLocale = Locale;

export const LOCALE_NAMES: Record<AskLocale, string> = { en: "English", ru: "Russian" };

const FREQUENCY_NAMES: Record<Frequency, string> = {
  ONCE: "one-time",
  MONTHLY: "monthly",
  ANNUAL: "annual",
};

const text = (max: number, what: string) =>
  z
    .string({ error: `Write the ${what}.` })
    .trim()
    .min(1, `Write the ${what}.`)
    .max(max, `The ${what} can be at most ${max} characters.`);

export const askCopySchema = z.object({
  /** "{publication}" is replaced with the publication's name. */
  heading: text(120, "heading"),
  /** Plain text: a blank line starts a new paragraph, a single line break stays a line break. */
  appeal: text(2000, "appeal"),
  /** Continue's words; "{amount}" becomes the chosen gift ("$10/month", "$25"). */
  button: text(60, "button wording"),
  /** Continue's words for a one-time gift ("Support with $25"). */
  buttonOnce: text(60, "one-time button wording"),
  remindPrompt: text(120, "remind-me-later prompt"),
  remindAction: text(60, "remind-me-later link"),
  /** A label for each remind-later choice, by its id. */
  remindChoices: z.record(z.string(), z.string().trim().max(60)),
  thanks: text(400, "thank-you text"),
  renewHeading: text(120, "renewal heading"),
  renewAppeal: text(2000, "renewal appeal"),
});
export type AskCopy = z.infer<typeof askCopySchema>;

const minor = z.number().int().min(0).max(100_000_000);
export const amountSettingsSchema = z.object({
  presets: z.array(minor).min(1).max(6),
  defaultAmount: minor,
  min: minor,
  max: minor,
  /** A preset marked "Recommended" on the ask, or null. */
  recommended: minor.nullable(),
});
export type AmountSettings = z.infer<typeof amountSettingsSchema>;

const frequencyTable = z.object({
  ONCE: amountSettingsSchema,
  MONTHLY: amountSettingsSchema,
  ANNUAL: amountSettingsSchema,
});

const remindChoiceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, "A choice's id is lower-case letters, digits or -."),
  days: z
    .number({ error: "Say after how many days to ask again." })
    .int("Days are a whole number.")
    .min(1, "Ask again after at least 1 day.")
    .max(365, "Ask again within a year (365 days)."),
});

const documentShape = z.object({
  currencies: z.array(z.enum(CURRENCIES)).min(1, "Offer at least one currency."),
  defaultCurrency: z.enum(CURRENCIES),
  defaultFrequency: z.enum(FREQUENCIES),
  amounts: z.partialRecord(z.enum(CURRENCIES), frequencyTable),
  remindLater: z.object({
    choices: z.array(remindChoiceSchema).min(1).max(5),
    defaultChoice: z.string(),
  }),
  copy: z.object({ en: askCopySchema, ru: askCopySchema }),
});

/** A place in the document and what to do about it: the editor shows each by its field. */
export type SettingsProblem = { path: string; message: string };

/** The rules across fields, each with a message a person can act on. */
function crossFieldProblems(doc: z.infer<typeof documentShape>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (new Set(doc.currencies).size !== doc.currencies.length)
    add("currencies", "Each currency can be offered once.");
  if (!doc.currencies.includes(doc.defaultCurrency))
    add("defaultCurrency", "The default currency must be one the ask offers.");
  for (const currency of doc.currencies) {
    const table = doc.amounts[currency];
    if (!table) {
      add(`amounts.${currency}`, `Set the amounts for ${currency}.`);
      continue;
    }
    for (const frequency of FREQUENCIES) {
      const rules = table[frequency];
      const where = `amounts.${currency}.${frequency}`;
      const name = `${currency} ${FREQUENCY_NAMES[frequency]}`;
      const money = (m: number) => formatMoney(m, currency);
      const floor = stripeMinimum(currency);
      if (rules.min < floor)
        add(
          `${where}.min`,
          `The ${name} minimum can't be below ${money(floor)}, the least Stripe charges in ${currency}.`,
        );
      if (rules.max < rules.min)
        add(`${where}.max`, `The ${name} maximum must be at least its minimum.`);
      for (const preset of rules.presets)
        if (preset < rules.min || preset > rules.max)
          add(
            `${where}.presets`,
            `The ${name} preset ${money(preset)} is outside its limits (${money(rules.min)} to ${money(rules.max)}).`,
          );
      if (new Set(rules.presets).size !== rules.presets.length)
        add(`${where}.presets`, `The ${name} presets repeat an amount.`);
      if (!rules.presets.includes(rules.defaultAmount))
        add(`${where}.defaultAmount`, `The ${name} default must be one of its presets.`);
      if (rules.recommended !== null && !rules.presets.includes(rules.recommended))
        add(`${where}.recommended`, `The ${name} recommended amount must be one of its presets.`);
    }
  }
  const ids = doc.remindLater.choices.map((c) => c.id);
  if (new Set(ids).size !== ids.length)
    add("remindLater.choices", "Each remind-later choice needs its own id.");
  if (!ids.includes(doc.remindLater.defaultChoice))
    add("remindLater.defaultChoice", "The preselected remind-later choice must be one of them.");
  for (const locale of ASK_LOCALES)
    for (const id of ids)
      if (!doc.copy[locale].remindChoices[id]?.trim())
        add(
          `copy.${locale}.remindChoices.${id}`,
          `Write the ${LOCALE_NAMES[locale]} label of the remind-later choice "${id}".`,
        );
  return problems;
}

export const askSettingsSchema = documentShape.superRefine((doc, ctx) => {
  for (const problem of crossFieldProblems(doc))
    ctx.addIssue({ code: "custom", message: problem.message, path: problem.path.split(".") });
});
export type AskSettings = z.infer<typeof askSettingsSchema>;

/** Every problem of a candidate document, or none: a published ask is all of one valid document. */
export function settingsProblems(candidate: unknown): SettingsProblem[] {
  const parsed = askSettingsSchema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.join(".");
    // zod's own messages name a field by its path: say which language's copy is missing.
    const locale = ASK_LOCALES.find((l) => path.startsWith(`copy.${l}.`));
    const message =
      locale && issue.code !== "custom"
        ? `${LOCALE_NAMES[locale]}: ${issue.message}`
        : issue.message;
    return { path, message };
  });
}

/** The amounts a currency's ask uses: the document's, with the recommended mark. */
export function amountSettings(
  settings: Pick<AskSettings, "amounts">,
  currency: Currency,
  frequency: Frequency,
): AmountSettings {
  const table = settings.amounts[currency];
  if (!table) throw new Error(`The ask has no amounts for ${currency}`);
  return table[frequency];
}

const ENGLISH: AskCopy = {
  heading: "A Message from {publication}",
  appeal: [
    "Dear readers,",
    "Independent journalism costs money to produce and we keep it free to read for everyone. We answer to our readers, not to owners or advertisers.",
    "If you value what we do, please support us today. Every contribution, however big or small, keeps our reporting going.",
  ].join("\n\n"),
  button: "Support {amount}",
  buttonOnce: "Support with {amount}",
  remindPrompt: "Not ready to support today?",
  remindAction: "Remind me later",
  remindChoices: { tomorrow: "Tomorrow", week: "In a week", month: "In a month" },
  thanks:
    "Thank you for supporting {publication}. Your membership keeps our journalism free for everyone.",
  renewHeading: "Renew your support for {publication}",
  renewAppeal: [
    "Your membership has ended. Thank you for everything you gave: it paid for reporting that would not exist otherwise.",
    "If you can, please renew today and keep our journalism free for everyone.",
  ].join("\n\n"),
};

const RUSSIAN: AskCopy = {
  heading: "Обращение от {publication}",
  appeal: [
    "Дорогие читатели,",
    "Независимая журналистика стоит денег, а читать нас может каждый бесплатно. Мы отвечаем перед читателями, а не перед владельцами или рекламодателями.",
    "Если вы цените нашу работу, поддержите нас сегодня. Любой взнос, большой или маленький, помогает нам продолжать.",
  ].join("\n\n"),
  button: "Поддержать: {amount}",
  buttonOnce: "Поддержать суммой {amount}",
  remindPrompt: "Не готовы поддержать сегодня?",
  remindAction: "Напомнить позже",
  remindChoices: { tomorrow: "Завтра", week: "Через неделю", month: "Через месяц" },
  thanks:
    "Спасибо, что поддерживаете {publication}. Благодаря вам наша журналистика открыта для всех.",
  renewHeading: "Возобновите поддержку {publication}",
  renewAppeal: [
    "Ваша подписка закончилась. Спасибо за всё, что вы дали: это оплатило репортажи, которых иначе не было бы.",
    "Если можете, возобновите поддержку сегодня, чтобы наша журналистика оставалась открытой для всех.",
  ].join("\n\n"),
};

/** The ask before a newsroom has published its own: what the quick start shows. */
export function defaultAskSettings(defaultCurrency: Currency = "USD"): AskSettings {
  const currencies: Currency[] = ["USD", "EUR", "GBP"];
  if (!currencies.includes(defaultCurrency)) currencies.unshift(defaultCurrency);
  const amounts: AskSettings["amounts"] = {};
  for (const currency of currencies) {
    const table = AMOUNTS[currency];
    amounts[currency] = {
      ONCE: { ...table.ONCE, presets: [...table.ONCE.presets], recommended: null },
      MONTHLY: {
        ...table.MONTHLY,
        presets: [...table.MONTHLY.presets],
        recommended: null,
      },
      ANNUAL: { ...table.ANNUAL, presets: [...table.ANNUAL.presets], recommended: null },
    };
  }
  return {
    currencies,
    defaultCurrency,
    defaultFrequency: "MONTHLY",
    amounts,
    remindLater: {
      choices: [
        { id: "tomorrow", days: 1 },
        { id: "week", days: 7 },
        { id: "month", days: 30 },
      ],
      defaultChoice: "week",
    },
    copy: { en: ENGLISH, ru: RUSSIAN },
  };
}

/** A copy text with its placeholders filled: "{publication}", "{amount}". */
export function fillCopy(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The appeal's paragraphs, each a list of lines (a blank line starts a paragraph). */
export function paragraphs(textBlock: string): string[][] {
  return textBlock
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").map((line) => line.trim()))
    .map((lines) => lines.filter((line) => line.length > 0))
    .filter((lines) => lines.length > 0);
}

export function isAskLocale(value: unknown): value is AskLocale {
  return typeof value === "string" && (ASK_LOCALES as readonly string[]).includes(value);
}

/** The page's language if the ask has copy in it, else English. */
export function askLocale(value: unknown): AskLocale {
  return isAskLocale(value) ? value : "en";
}
