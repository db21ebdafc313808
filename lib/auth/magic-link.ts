import { z } from "zod";

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
}) {
  const subject = `Sign in to ${input.publication}`;
  if (!input.known) {
    const text = `Someone (hopefully you) asked to sign in to ${input.publication} as ${input.to}.\n\nWe have no gifts or account under this address. If you gave with another email, sign in with that one.\n`;
    return {
      to: input.to,
      subject,
      text,
      html: `<p>${escapeHtml(text).replace(/\n\n/g, "</p><p>")}</p>`,
    };
  }
  const text = `Sign in to ${input.publication} as ${input.to}:\n\n${input.url}\n\nThe link works once, within 24 hours. If you did not ask for it, ignore this mail.\n`;
  const html = `<p>Sign in to ${escapeHtml(input.publication)} as ${escapeHtml(input.to)}:</p>
<p><a href="${escapeHtml(input.url)}">Sign in</a></p>
<p>The link works once, within 24 hours. If you did not ask for it, ignore this mail.</p>`;
  return { to: input.to, subject, text, html };
}
