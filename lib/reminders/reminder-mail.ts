import type { Frequency } from "../ask/amounts";
import { describeGift } from "../ask/amounts";

export type ReminderContent = {
  publication: string;
  appUrl: string;
  frequency: Frequency;
  amount: number;
  currency: string;
  unsubscribeToken: string;
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
  const gift = describeGift(content.amount, content.currency, content.frequency);
  const ask = askUrl(content);
  const unsubscribe = unsubscribePageUrl(content.appUrl, content.unsubscribeToken);
  const subject = `Your reminder to support ${content.publication}`;
  const text = [
    `You asked us to remind you today about supporting ${content.publication}.`,
    "",
    `You were thinking of giving ${gift}. It takes a minute:`,
    ask,
    "",
    "This is the only reminder we will send for that request.",
    `Unsubscribe from all reminders: ${unsubscribe}`,
  ].join("\n");
  const html = `<p>You asked us to remind you today about supporting ${escape(content.publication)}.</p>
<p>You were thinking of giving <strong>${escape(gift)}</strong>. It takes a minute:</p>
<p><a href="${escape(ask)}">Support ${escape(content.publication)}</a></p>
<p>This is the only reminder we will send for that request. <a href="${escape(unsubscribe)}">Unsubscribe from all reminders</a>.</p>`;
  return { subject, text, html };
}
