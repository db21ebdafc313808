import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";

/** English is the source: every other file has exactly its keys (lib/i18n/messages.test.ts). */
export type Messages = typeof en;

/** "mail.signIn", "account", …: a part of the messages a translator can be narrowed to. */
export type MessageNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

const MESSAGES: Record<Locale, Messages> = { en, ru };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/**
 * The parts of the messages client components read (useTranslations in a "use client" file); only these are
 * sent to the browser, so a page does not carry every string of the site (nor text it does not show). A client
 * component reading another namespace fails loudly in development and in e2e: add it here.
 */
export const CLIENT_NAMESPACES = [
  "signIn",
  "thanks",
] as const satisfies readonly (keyof Messages)[];

export function clientMessages(locale: Locale): Partial<Messages> {
  const all = MESSAGES[locale];
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, all[namespace]]));
}

/**
 * Pages and mails show dates in UTC (the ledger's day), in every language: one zone for server and client
 * rendering, so React does not see a mismatch.
 */
export const TIME_ZONE = "UTC";

/**
 * A translator outside React (mail, JSON for the embed, lib code): `translator("ru", "mail.signIn")("subject",
 * { publication })`. An unknown locale falls back to English. A missing key or a broken message throws, so a
 * test catches it instead of a reader seeing a key.
 */
export function translator<const Namespace extends MessageNamespace = never>(
  locale: string | null | undefined,
  namespace?: Namespace,
) {
  const chosen = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return createTranslator<Messages, Namespace>({
    locale: chosen,
    messages: MESSAGES[chosen],
    namespace,
    timeZone: TIME_ZONE,
    onError: (error) => {
      throw error;
    },
  });
}
