import { AppError, isAppError } from "../errors/app-error";
import { errorResponse } from "../http/pipeline";
import { readBodyText } from "../http/read-body";
import { originVerdict } from "../security/origin";
import { csrfCookieName, csrfTokenMatches } from "./signin-csrf";

/**
 * Requests that next-auth (v4) would answer with a 500, or pass on unchecked, are refused or repaired before it
 * sees them: it writes the `error` query parameter into a Location header unencoded (CRLF or any non-Latin-1
 * character throws), answers an invalid callbackUrl (query or cookie) with "server configuration" 500s on every
 * route and page that reads the session, and parses JSON bodies without catching. Our pages only ever post forms
 * to it (next-auth/react does), and never use its client logger endpoint.
 *
 * And the magic link's callback signs in only by a POST from our confirmation page with its CSRF token: next-auth
 * would sign in on any GET of the link, so another site could sign a reader's browser into the sender's account.
 */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own rule (core/lib/assert.ts): an http(s) URL, or a path on this site. */
export function isValidCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // next-auth's cookie parser keeps undecodable values as they are
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** Callback-URL cookies next-auth would choke on (planted by a sibling subdomain, or corrupted). */
export function invalidCallbackCookies(cookieHeader: string | null, base: string): string[] {
  const cookies = cookieValues(cookieHeader);
  return CALLBACK_COOKIES.filter(
    (name) =>
      cookies.has(name) &&
      cookies.get(name) !== "" &&
      !isValidCallbackUrl(cookies.get(name)!, base),
  );
}

const MAX_CALLBACK_BODY = 4096;

/** The confirmation page for a magic link's parameters (from APP_URL, never the request's host). */
function confirmationPage(url: URL, appUrl: string): URL {
  const confirm = new URL("/signin/confirm", appUrl);
  for (const key of ["token", "email", "callbackUrl"]) {
    const value = url.searchParams.get(key);
    if (value) confirm.searchParams.set(key, value);
  }
  return confirm;
}

/** A form body of a few fields at most, read with a cap (the callback's form is three hidden fields). */
async function formField(request: Request, name: string): Promise<string | null | "too large"> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CALLBACK_BODY) return "too large";
  try {
    // A clone: next-auth reads the body itself afterwards.
    return new URLSearchParams(await readBodyText(request.clone(), MAX_CALLBACK_BODY)).get(name);
  } catch (error) {
    if (isAppError(error) && error.code === "payload_too_large") return "too large";
    throw error;
  }
}

function refusedPage(status: number, text: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head><body><main><h1>Sign-in refused</h1><p>${text}</p><p><a href="/signin">Sign in</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/** The email provider's callback: GET shows the confirmation page; POST needs our origin and the CSRF token. */
async function guardEmailCallback(
  request: Request,
  url: URL,
  appUrl: string,
  secret: string,
): Promise<Response | null> {
  if (request.method !== "POST") return Response.redirect(confirmationPage(url, appUrl), 303);
  if (!originVerdict(request.method, request.headers, { appOrigin: appUrl }).ok) {
    return refusedPage(
      403,
      "This sign-in was sent from another site. Open the link in your sign-in mail instead.",
    );
  }
  const formToken = await formField(request, "csrfToken");
  if (formToken === "too large") return refusedPage(413, "That request is too large.");
  const cookie = cookieValues(request.headers.get("cookie")).get(
    csrfCookieName(new URL(appUrl).protocol === "https:"),
  );
  // Our own page with a lost or stale cookie (a restarted browser): back to it, which issues a fresh one.
  if (!csrfTokenMatches(cookie, formToken, secret))
    return Response.redirect(confirmationPage(url, appUrl), 303);
  return null;
}

/** For app/api/auth/[...nextauth]: null when next-auth may handle the request, else the answer. */
export async function guardAuthRequest(
  request: Request,
  appUrl: string,
  secret: string,
): Promise<Response | null> {
  const url = new URL(request.url);
  const [, , , action, provider] = url.pathname.split("/");
  if (action === "_log") return errorResponse(new AppError("not_found", "Not found."));
  if (
    request.method === "POST" &&
    !(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")
  ) {
    return errorResponse(
      new AppError("unsupported_media_type", "Send a form (application/x-www-form-urlencoded)."),
    );
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null && callbackUrl !== "" && !isValidCallbackUrl(callbackUrl, appUrl)) {
    return errorResponse(new AppError("invalid_input", "That callbackUrl is not a web address."));
  }
  const stale = invalidCallbackCookies(request.headers.get("cookie"), appUrl);
  if (stale.length) {
    // Drop the cookie and let the browser repeat the request without it (307 keeps the method and body).
    const headers = new Headers({ Location: url.pathname + url.search });
    for (const name of stale)
      headers.append(
        "Set-Cookie",
        `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
      );
    return new Response(null, { status: 307, headers });
  }
  if (action === "error") {
    const code = url.searchParams.get("error");
    if (code !== null && !/^[A-Za-z]{1,64}$/.test(code))
      return Response.redirect(new URL("/signin?error=Default", appUrl), 303);
  }
  if (action === "callback" && provider === "email")
    return guardEmailCallback(request, url, appUrl, secret);
  return null;
}
