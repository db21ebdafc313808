import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The CSRF token that completes a magic-link sign-in. The link opens /signin/confirm, whose form POSTs the
 * token to next-auth's email callback with this token beside it; a request from another site cannot know it,
 * so it cannot sign a reader's browser into the sender's account (login CSRF). It is next-auth's own token, in
 * next-auth's own cookie and format (`<token>|sha256(<token><secret>)`), so next-auth's sign-in and sign-out
 * forms accept the same cookie.
 */
export function csrfCookieName(secure: boolean): string {
  return `${secure ? "__Host-" : ""}next-auth.csrf-token`;
}

function digest(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a genuine cookie carries (written with our secret), else null. */
export function tokenFromCookie(
  cookieValue: string | undefined | null,
  secret: string,
): string | null {
  if (!cookieValue || cookieValue.length > 512) return null;
  const [token, hash] = cookieValue.split("|");
  if (!token || !hash || !/^[0-9a-f]{64}$/.test(token)) return null;
  return sameText(hash, digest(token, secret)) ? token : null;
}

/** The cookie's token, or a new token and the cookie value that carries it. */
export function issueCsrfToken(
  cookieValue: string | undefined | null,
  secret: string,
): { token: string; cookie: string | null } {
  const existing = tokenFromCookie(cookieValue, secret);
  if (existing) return { token: existing, cookie: null };
  const token = randomBytes(32).toString("hex");
  return { token, cookie: `${token}|${digest(token, secret)}` };
}

/** Does the form's token match the browser's genuine cookie? */
export function csrfTokenMatches(
  cookieValue: string | undefined | null,
  formToken: string | null,
  secret: string,
): boolean {
  const token = tokenFromCookie(cookieValue, secret);
  return Boolean(token && formToken && sameText(token, formToken));
}
