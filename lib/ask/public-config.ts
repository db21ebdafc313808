import { env, type Env } from "../env";
import { FREQUENCIES, FREQUENCY_LABELS, type Currency, type Frequency } from "./amounts";
import { PAYMENT_MARKS } from "./payment-marks";
import type { PublishedSettings } from "./ask-versions";
import { fillCopy, paragraphs, type AmountSettings, type AskLocale } from "./settings";

/**
 * What the embeddable ask needs to render, as public JSON (GET /api/ask/config): nothing here is about the
 * reader, so it is the same for everyone and cacheable by browsers and CDNs. The per-reader decision stays in
 * GET /api/ask, which names the published version: an embed holding an older config fetches that version.
 */
export type PublicAskConfig = {
  /** The published ask's version (0: the built-in ask). */
  version: number;
  locale: AskLocale;
  publication: string;
  /**
   * Absolute URLs, so the embed can post from any host page. Continue posts the choice to checkoutUrl; with a
   * CAPTCHA enabled it instead opens our /support page (GET, the choice in the query) where the widget runs,
   * because the host's page and our frame cannot show it.
   */
  checkoutUrl: string;
  checkoutMethod: "post" | "get";
  remindLaterUrl: string;
  copy: {
    heading: string;
    /** Paragraphs; a paragraph's own line breaks are "\n" (drawn with white-space: pre-line). */
    appeal: readonly string[];
    renewHeading: string;
    renewAppeal: readonly string[];
    thanks: string;
    button: string;
    buttonOnce: string;
    remindPrompt: string;
    remindAction: string;
    secureNote: string;
  };
  defaultCurrency: Currency;
  defaultFrequency: Frequency;
  currencies: readonly Currency[];
  frequencies: { id: Frequency; label: string; per: string; noun: string }[];
  /** Minor units, per offered currency and frequency. */
  amounts: Partial<Record<Currency, Record<Frequency, AmountSettings>>>;
  remindLaterChoices: { id: string; label: string; days: number }[];
  defaultRemindLater: string;
  paymentMethods: readonly string[];
};

const PER: Record<Frequency, string> = { ONCE: "", MONTHLY: "/month", ANNUAL: "/year" };
// The same nouns as checkAmount's messages in lib/ask/amounts.ts, so the embed's inline errors read alike.
const NOUN: Record<Frequency, string> = {
  ONCE: "A one-time gift",
  MONTHLY: "A monthly gift",
  ANNUAL: "An annual gift",
};

const paragraphTexts = (text: string) => paragraphs(text).map((lines) => lines.join("\n"));

export function publicAskConfig(
  { version, settings }: PublishedSettings,
  locale: AskLocale,
  config: Env = env(),
): PublicAskConfig {
  const publication = config.PUBLICATION_NAME;
  const copy = settings.copy[locale];
  const fill = (template: string) => fillCopy(template, { publication });
  return {
    version,
    locale,
    publication,
    checkoutUrl: new URL(config.captcha ? "/support" : "/api/checkout", config.APP_URL).toString(),
    checkoutMethod: config.captcha ? "get" : "post",
    remindLaterUrl: new URL("/api/ask/remind-later", config.APP_URL).toString(),
    copy: {
      heading: fill(copy.heading),
      appeal: paragraphTexts(fill(copy.appeal)),
      renewHeading: fill(copy.renewHeading),
      renewAppeal: paragraphTexts(fill(copy.renewAppeal)),
      thanks: fill(copy.thanks),
      button: copy.button,
      buttonOnce: copy.buttonOnce,
      remindPrompt: copy.remindPrompt,
      remindAction: copy.remindAction,
      secureNote: "Payments are processed securely by Stripe. We never see your card details.",
    },
    defaultCurrency: settings.defaultCurrency,
    defaultFrequency: settings.defaultFrequency,
    currencies: settings.currencies,
    frequencies: FREQUENCIES.map((id) => ({
      id,
      label: FREQUENCY_LABELS[id],
      per: PER[id],
      noun: NOUN[id],
    })),
    amounts: Object.fromEntries(settings.currencies.map((c) => [c, settings.amounts[c]])),
    remindLaterChoices: settings.remindLater.choices.map(({ id, days }) => ({
      id,
      label: copy.remindChoices[id] ?? id,
      days,
    })),
    defaultRemindLater: settings.remindLater.defaultChoice,
    paymentMethods: PAYMENT_MARKS.map((mark) => mark.name),
  };
}
