import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locale";
import { translator } from "../i18n/messages";

/**
 * Mail scanners open every link in a message; a magic link opened by one is spent before the reader clicks.
 * So the mail links to a confirmation page, and only the reader's click there reaches next-auth's callback.
 */
export function confirmationUrl(appUrl: string, callbackUrl: string): string {
  const callback = new URL(callbackUrl);
  const confirm = new URL("/signin/confirm", appUrl);
  for (const key of ["token", "email", "callbackUrl"]) {
    const value = callback.searchParams.get(key);
    if (value) confirm.searchParams.set(key, value);
  }
  return confirm.toString();
}

export const confirmationParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9]{16,128}$/),
  email: z.email(),
  callbackUrl: z.string().max(2000).optional(),
});

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
export function safeCallbackPath(
  value: string | undefined | null,
  appUrl: string,
  fallback = "/account",
): string {
  if (!value) return fallback;
  try {
    const base = new URL(appUrl);
    const url = new URL(value, base);
    if (url.origin !== base.origin) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function signInMail(input: {
  to: string;
  url: string;
  publication: string;
  known: boolean;
  /** The language of the page the reader asked from; English when not known. */
  locale?: Locale;
}) {
  const t = translator(input.locale ?? DEFAULT_LOCALE, "mail.signIn");
  const names = { publication: input.publication, email: input.to };
  const subject = t("subject", names);
  if (!input.known) {
    const text = `${t("unknown", names)}\n\n${t("unknownHint")}\n`;
    return {
      to: input.to,
      subject,
      text,
      html: `<p>${escapeHtml(text).replace(/\n\n/g, "</p><p>")}</p>`,
    };
  }
  const text = `${t("intro", names)}\n\n${input.url}\n\n${t("hint")}\n`;
  const html = `<p>${escapeHtml(t("intro", names))}</p>
<p><a href="${escapeHtml(input.url)}">${escapeHtml(t("link"))}</a></p>
<p>${escapeHtml(t("hint"))}</p>`;
  return { to: input.to, subject, text, html };
}
