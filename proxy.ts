import { NextResponse, type NextRequest } from "next/server";
import {
  encodeReaderState,
  FIRST_PARTY_COOKIE,
  readReaderState,
  readerCookie,
} from "./lib/ask/reader-state";
import { invalidCallbackCookies } from "./lib/auth/guard-request";
import { csrfCookieName, issueCsrfToken } from "./lib/auth/signin-csrf";
import { env } from "./lib/env";
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE,
  LOCALE_QUERY_PARAM,
  BARE_PAGE_HEADER,
  fixedPageLocale,
  PAGE_LOCALE_HEADER,
  supportedLocaleOf,
} from "./lib/i18n/locale";
import { PROVIDERS } from "./lib/captcha/providers";
import { contentSecurityPolicy } from "./lib/security/csp";
import { originVerdict } from "./lib/security/origin";

/**
 * Adds a per-request nonce and the Content-Security-Policy to every page (API routes answer JSON and skip
 * this, keeping the ask's decision endpoint as light as a bare route), and gives a browser without a valid
 * reader cookie its key before the page renders, so the page, its beacon and a checkout all agree on one key.
 * Roles are checked in each page itself.
 */
export function proxy(request: NextRequest) {
  // An address that is not valid UTF-8 once percent-decoded (a lone surrogate, %FF) would fail in Next's
  // router with a 500.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("This address is not valid.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // next-auth's catch-all route is matched only for the check above.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const config = env();
  // Pages take POSTs only as server actions. Next refuses one from another origin with a 500 (and logs it as
  // an attack); it is the caller's fault, so the answer is a 403, here, before Next sees it.
  if (!originVerdict(request.method, request.headers, { appOrigin: config.APP_URL }).ok) {
    return new NextResponse(FOREIGN_POST_PAGE, {
      status: 403,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const embedPage = request.nextUrl.pathname.startsWith("/embed/");
  const csp = contentSecurityPolicy({
    nonce,
    checkoutOrigins: config.stripeEmulated
      ? [new URL(config.STRIPE_EMULATOR_URL).origin]
      : ["https://checkout.stripe.com", "https://billing.stripe.com"],
    // The ask editor frames its own preview; nothing else of ours may be framed but the embed's pages.
    frameAncestors: embedPage
      ? config.embedOrigins
      : request.nextUrl.pathname === "/ask-preview"
        ? []
        : "none",
    production: new URL(config.APP_URL).protocol === "https:",
    // Our own pages may show the CAPTCHA widget (the ask on /support and the demo article); the embed's frame
    // never does (its Continue leads to /support when a CAPTCHA is on).
    captcha: config.captcha && !embedPage ? PROVIDERS[config.captcha.provider].csp : null,
  });
  const reader = readReaderState(
    request.cookies.get(FIRST_PARTY_COOKIE)?.value,
    config.cookieSecret,
  );
  const readerValue = reader.isNew ? encodeReaderState(reader.state, config.cookieSecret) : null;
  if (readerValue) request.cookies.set(FIRST_PARTY_COOKIE, readerValue);
  // `?lang=ru` on any page is the reader's choice of language: this page already renders in it (i18n/request.ts
  // reads the cookie), and the browser remembers it. An unsupported value changes nothing.
  const chosenLocale = supportedLocaleOf(request.nextUrl.searchParams.get(LOCALE_QUERY_PARAM));
  if (chosenLocale) request.cookies.set(LOCALE_COOKIE, chosenLocale);
  // A callback-URL cookie next-auth finds invalid makes every page that reads the session fail with a 500:
  // pages never see one, and the browser forgets it.
  const staleCallbacks = invalidCallbackCookies(request.headers.get("cookie"), config.APP_URL);
  for (const name of staleCallbacks) request.cookies.delete(name);

  // The sign-in form (without JavaScript a plain post to next-auth) and the magic link's confirmation page post
  // next-auth's CSRF token (lib/auth/signin-csrf): the page gets it from here, and the browser its cookie.
  const secure = new URL(config.APP_URL).protocol === "https:";
  const csrf =
    request.nextUrl.pathname === "/signin/confirm" || request.nextUrl.pathname === "/signin"
      ? issueCsrfToken(request.cookies.get(csrfCookieName(secure))?.value, config.authSecret)
      : null;

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  headers.delete("x-signin-csrf");
  headers.delete(PAGE_LOCALE_HEADER);
  headers.delete(BARE_PAGE_HEADER);
  const preview = request.nextUrl.pathname === "/ask-preview";
  // The editor's preview is in the language it previews, and without the site's own header and footer.
  const pageLocale = preview
    ? (supportedLocaleOf(request.nextUrl.searchParams.get("locale")) ?? "en")
    : fixedPageLocale(request.nextUrl.pathname);
  if (pageLocale) headers.set(PAGE_LOCALE_HEADER, pageLocale);
  if (preview) headers.set(BARE_PAGE_HEADER, "1");
  if (csrf) headers.set("x-signin-csrf", csrf.token);
  const response = NextResponse.next({ request: { headers } });
  if (csrf?.cookie)
    response.cookies.set(csrfCookieName(secure), csrf.cookie, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
    });
  response.headers.set("Content-Security-Policy", csp);
  for (const name of staleCallbacks) response.cookies.delete(name);
  if (chosenLocale)
    response.cookies.set(LOCALE_COOKIE, chosenLocale, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
      maxAge: LOCALE_COOKIE_MAX_AGE,
    });
  if (readerValue) {
    const cookie = readerCookie("first-party", new URL(config.APP_URL).protocol === "https:");
    response.cookies.set(cookie.name, readerValue, cookie.options);
  }
  return response;
}

const FOREIGN_POST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused</title></head><body><main><h1>Refused</h1><p>This form was sent from another site, so it was not accepted. Go back to the page and try again there.</p></main></body></html>`;

export const config = {
  // Not /api/ (the ask's decision endpoint stays as light as a bare route), except next-auth's catch-all, whose
  // path segments Next would otherwise fail to decode with a 500.
  matcher: [
    { source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|embed.js).*)" },
    { source: "/api/auth/:path*" },
  ],
};
