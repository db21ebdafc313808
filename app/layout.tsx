import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo/DemoBanner";
import { env } from "@/lib/env";
import { clientMessages } from "@/lib/i18n/messages";
import { BARE_PAGE_HEADER } from "@/lib/i18n/locale";
import "./globals.css";
import "./accounts.css";

export async function generateMetadata(): Promise<Metadata> {
  const publication = env().PUBLICATION_NAME;
  const t = await getTranslations("layout");
  return { title: { default: t("title", { publication }), template: `%s · ${publication}` } };
}

/** The reader's language (i18n/request.ts) sets `lang`, so screen readers and hyphenation follow it. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("layout");
  if ((await headers()).get(BARE_PAGE_HEADER))
    return (
      <html lang={locale}>
        <body>
          <NextIntlClientProvider messages={clientMessages(locale)}>
            {children}
          </NextIntlClientProvider>
        </body>
      </html>
    );
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={clientMessages(locale)}>
          <a className="skip-link" href="#main">
            {t("skipToContent")}
          </a>
          {env().mode === "demo" && <DemoBanner />}
          <header className="site-header">
            <a href="/support" className="site-name">
              {env().PUBLICATION_NAME}
            </a>
          </header>
          <main id="main">{children}</main>
          <footer className="site-footer">
            <a href="/account">{t("yourAccount")}</a>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
