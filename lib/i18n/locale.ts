import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

/**
 * The languages readers can read the site in. A translator adds one by adding messages/<code>.json (with the
 * same keys as messages/en.json; lib/i18n/messages.test.ts fails otherwise) and its code here.
 */
export const SUPPORTED_LOCALES = ["en", "ru"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** `?lang=ru` on any page: the reader's explicit choice, remembered in the LOCALE_COOKIE (set by proxy.ts). */
export const LOCALE_QUERY_PARAM = "lang";
export const LOCALE_COOKIE = "locale";
/** A year: the choice is a preference, not a session. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

const LOCALE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/** The reader's language from a request's own headers (its `locale` cookie, else Accept-Language). */
export function localeOfRequest(headers: { get(name: string): string | null }): Locale {
  const cookie = headers.get("cookie")?.match(LOCALE_COOKIE_PATTERN)?.[1];
  return negotiateLocale({ explicit: cookie, acceptLanguage: headers.get("accept-language") });
}

/**
 * The request header proxy.ts sets for a page whose language is fixed by the page, not the reader: the staff
 * dashboard stays English for now. i18n/request.ts puts it before every other source; a client's own value is
 * dropped by the proxy.
 */
export const PAGE_LOCALE_HEADER = "x-page-locale";

/** Set by proxy.ts for a page drawn without the site's header and footer (the ask editor's preview frames). */
export const BARE_PAGE_HEADER = "x-bare-page";

/** The staff pages (and the development mailbox) are in English only; the reader's choice does not apply. */
export function fixedPageLocale(pathname: string): Locale | null {
  return /^\/(dashboard|dev)(\/|$)/.test(pathname) ? "en" : null;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * A code as a reader or page gives it ("ru", "RU", "ru-RU", "en_GB") to a supported locale, or null when it
 * names none of them.
 */
export function supportedLocaleOf(value: unknown): Locale | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 35) return null;
  const tag = value.trim().replace(/_/g, "-");
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const found = match([canonical!], SUPPORTED_LOCALES, "und", { algorithm: "lookup" });
    return isLocale(found) ? found : null;
  } catch {
    return null; // not a language tag at all
  }
}

/**
 * The reader's language: an explicit choice (the `lang` query or its cookie, or a page's own `lang`) when it
 * names a supported locale; otherwise the browser's Accept-Language negotiated against the supported list
 * (quality values respected, "ru-RU" matches "ru"); otherwise English.
 */
export function negotiateLocale(input: {
  explicit?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  const chosen = supportedLocaleOf(input.explicit);
  if (chosen) return chosen;
  if (!input.acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({
    headers: { "accept-language": input.acceptLanguage.slice(0, 1000) },
  })
    .languages()
    .filter((tag) => tag !== "*");
  for (const tag of requested) {
    const found = supportedLocaleOf(tag);
    if (found) return found;
  }
  return DEFAULT_LOCALE;
}
