import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, negotiateLocale, PAGE_LOCALE_HEADER } from "@/lib/i18n/locale";
import { messagesFor, TIME_ZONE } from "@/lib/i18n/messages";

/**
 * The reader's language for this request, without locale-prefixed URLs: the `locale` cookie (set by proxy.ts
 * from `?lang=`, already on this very request) when it names a supported language, else Accept-Language.
 * A page whose language is fixed (the staff dashboard: proxy.ts's x-page-locale) or an explicit locale
 * (getTranslations({ locale })) wins over both.
 */
export default getRequestConfig(async ({ locale: requested }) => {
  const request = await headers();
  const locale = negotiateLocale({
    explicit:
      requested ?? request.get(PAGE_LOCALE_HEADER) ?? (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.get("accept-language"),
  });
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
