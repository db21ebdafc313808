import type { Metadata } from "next";
import { AskBox } from "@/components/ask/AskBox";
import { pageCaptcha } from "@/lib/captcha/page";
import { env } from "@/lib/env";
import { supportPageState } from "@/lib/ask/page-state";
import { publishedAsk } from "@/lib/ask/published";
import { getLocale } from "next-intl/server";
import { askLocale } from "@/lib/ask/settings";
import { parseReturnTo, returnPolicy, returnToValue } from "@/lib/http/return-to";

export const metadata: Metadata = { title: "Support our journalism" };
export const dynamic = "force-dynamic";

/** The destination page: the ask is always shown here, whatever remind-later the reader chose elsewhere. */
export default async function SupportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const config = env();
  const query = await searchParams;
  const { settings } = await publishedAsk();
  const state = supportPageState(query, settings);
  // Sent on from an article's ask (the embed with a CAPTCHA on, a no-JavaScript correction): Checkout brings
  // the reader back to that article.
  const back = parseReturnTo(query.returnTo, returnPolicy());
  return (
    <AskBox
      publication={config.PUBLICATION_NAME}
      headingLevel={1}
      surface="support-page"
      variant="default"
      returnTo={back ? returnToValue(back) : "/support"}
      captcha={pageCaptcha()}
      settings={settings}
      locale={askLocale(await getLocale())}
      {...state}
    />
  );
}
