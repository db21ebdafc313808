import { formatDay } from "../i18n/format";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";

/** The page a confirmation mail links to: opening it changes nothing, its button confirms (mail scanners open links). */
export function confirmPageUrl(appUrl: string, token: string): string {
  return `${new URL("/reminders/confirm", appUrl).toString()}?token=${encodeURIComponent(token)}`;
}

/** Where the confirmation page's button posts. */
export function confirmActionPath(token: string): string {
  return `/api/reminders/confirm?token=${encodeURIComponent(token)}`;
}

export const reminderDay = (at: Date, locale: Locale = DEFAULT_LOCALE) => formatDay(at, locale);

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** "Did you ask for a reminder?" — sent once per request (limited per address and client); nothing else until confirmed. */
export function confirmationMail(input: {
  to: string;
  publication: string;
  appUrl: string;
  token: string;
  dueAt: Date;
  /** The reader's language when they asked (the page's); English when not known. */
  locale?: Locale;
}) {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, "mail.reminderConfirm");
  const link = confirmPageUrl(input.appUrl, input.token);
  const day = reminderDay(input.dueAt, locale);
  const subject = t("subject", { publication: input.publication });
  const intro = t("intro", { publication: input.publication, email: input.to, day });
  const text = [intro, "", t("confirmHere"), link, "", t("ignore")].join("\n");
  const html = `<p>${escape(intro)}</p>
<p><a href="${escape(link)}">${escape(t("link"))}</a> ${escape(t("within"))}</p>
<p>${escape(t("ignore"))}</p>`;
  return { to: input.to, subject, text, html };
}
