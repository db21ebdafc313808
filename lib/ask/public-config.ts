import { env, type Env } from "../env";
import {
  AMOUNTS,
  OFFERED_CURRENCIES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  type AmountRules,
  type Currency,
  type Frequency,
} from "./amounts";
import { PAYMENT_MARKS } from "./payment-marks";
import { ASK_COPY } from "./ask-copy";
import { DEFAULT_REMIND_LATER, REMIND_LATER_CHOICES } from "./config";

/**
 * What the embeddable ask needs to render, as public JSON (GET /api/ask/config): nothing here is about the
 * reader, so it is the same for everyone and cacheable by browsers and CDNs. The per-reader decision stays in
 * GET /api/ask.
 */
export type PublicAskConfig = {
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
    appeal: readonly string[];
    renewHeading: string;
    renewAppeal: readonly string[];
    thanks: string;
    remindPrompt: string;
    remindAction: string;
    secureNote: string;
  };
  defaultCurrency: Currency;
  currencies: readonly Currency[];
  frequencies: { id: Frequency; label: string; per: string; noun: string }[];
  /** Minor units, per currency and frequency. */
  amounts: Record<Currency, Record<Frequency, AmountRules>>;
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

export function publicAskConfig(config: Env = env()): PublicAskConfig {
  const publication = config.PUBLICATION_NAME;
  return {
    publication,
    checkoutUrl: new URL(config.captcha ? "/support" : "/api/checkout", config.APP_URL).toString(),
    checkoutMethod: config.captcha ? "get" : "post",
    remindLaterUrl: new URL("/api/ask/remind-later", config.APP_URL).toString(),
    copy: {
      heading: ASK_COPY.heading(publication),
      appeal: ASK_COPY.appeal,
      renewHeading: ASK_COPY.renewHeading(publication),
      renewAppeal: ASK_COPY.renewAppeal,
      thanks: ASK_COPY.thanks(publication),
      remindPrompt: ASK_COPY.remindLater.prompt,
      remindAction: ASK_COPY.remindLater.action,
      secureNote: ASK_COPY.secureNote,
    },
    defaultCurrency: config.DEFAULT_CURRENCY,
    currencies: OFFERED_CURRENCIES,
    frequencies: FREQUENCIES.map((id) => ({
      id,
      label: FREQUENCY_LABELS[id],
      per: PER[id],
      noun: NOUN[id],
    })),
    amounts: AMOUNTS,
    remindLaterChoices: REMIND_LATER_CHOICES.map(({ id, label, days }) => ({ id, label, days })),
    defaultRemindLater: DEFAULT_REMIND_LATER,
    paymentMethods: PAYMENT_MARKS.map((mark) => mark.name),
  };
}
