import type { Frequency } from "../ask/amounts";
import { describeGiftIn } from "../i18n/format";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";

export type ReminderContent = {
  publication: string;
  appUrl: string;
  frequency: Frequency;
  amount: number;
  currency: string;
  unsubscribeToken: string;
  /** The reader's language when they asked; English when not known (no language is stored yet). */
  locale?: Locale;
};

/** The page a person opens from the email: one button, so mail scanners following links unsubscribe no one. */
export function unsubscribePageUrl(appUrl: string, token: string): string {
  return `${new URL("/reminders/unsubscribe", appUrl).toString()}?token=${encodeURIComponent(token)}`;
}

/**
 * Where the page's button lands: built from APP_URL, never from the request (behind a proxy its host is the
 * proxy's upstream, e.g. localhost).
 */
export function unsubscribedPageUrl(appUrl: string, token: string): string {
  return `${unsubscribePageUrl(appUrl, token)}&done=1`;
}

/** RFC 8058 one-click target for the List-Unsubscribe header (mail clients POST to it). */
export function oneClickUnsubscribeUrl(appUrl: string, token: string): string {
  return `${new URL("/api/reminders/unsubscribe", appUrl).toString()}?token=${encodeURIComponent(token)}`;
}

/** The ask, pre-filled with what the reader was about to give when they asked to be reminded. */
export function askUrl(content: ReminderContent): string {
  const url = new URL("/support", content.appUrl);
  url.searchParams.set("frequency", content.frequency);
  url.searchParams.set("currency", content.currency);
  url.searchParams.set("amount", String(content.amount));
  url.searchParams.set("surface", "reminder-email");
  return url.toString();
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function reminderMail(content: ReminderContent): {
  subject: string;
  text: string;
  html: string;
} {
  const locale = content.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, "mail.reminder");
  const publication = content.publication;
  const gift = describeGiftIn(locale, content.amount, content.currency, content.frequency);
  const ask = askUrl(content);
  const unsubscribe = unsubscribePageUrl(content.appUrl, content.unsubscribeToken);
  const subject = t("subject", { publication });
  const text = [
    t("intro", { publication }),
    "",
    t.markup("thinking", { gift, strong: (chunks) => chunks }),
    ask,
    "",
    t("only"),
    `${t("unsubscribe")}: ${unsubscribe}`,
  ].join("\n");
  // Arguments are escaped before they meet the markup; the messages themselves are ours.
  const html = `<p>${escape(t("intro", { publication }))}</p>
<p>${t.markup("thinking", { gift: escape(gift), strong: (chunks) => `<strong>${chunks}</strong>` })}</p>
<p><a href="${escape(ask)}">${escape(t("link", { publication }))}</a></p>
<p>${escape(t("only"))} <a href="${escape(unsubscribe)}">${escape(t("unsubscribe"))}</a>.</p>`;
  return { subject, text, html };
}
