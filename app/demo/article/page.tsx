import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AskBox } from "@/components/ask/AskBox";
import { decideForReader } from "@/lib/ask/decide-for-reader";
import { askNow } from "@/lib/ask/http";
import { pageCaptcha } from "@/lib/captcha/page";
import { deferredChoice, FIRST_PARTY_COOKIE, readReaderState } from "@/lib/ask/reader-state";
import { env } from "@/lib/env";
import { supportPageState } from "@/lib/ask/page-state";
import { publishedAsk } from "@/lib/ask/published";
import { getLocale } from "next-intl/server";
import { askLocale, fillCopy } from "@/lib/ask/settings";

export const metadata: Metadata = { title: "City council delays vote on transit budget" };
export const dynamic = "force-dynamic";

/** A stand-in for an article the newsroom publishes, so a newcomer sees the ask where readers meet it. */
export default async function DemoArticle({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const config = env();
  // Back from a cancelled Checkout (the reader's choice), a no-JavaScript post to correct, or a remind-later
  // that could not be saved: the article's own ask shows it.
  const query = await searchParams;
  const jar = await cookies();
  const { state } = readReaderState(jar.get(FIRST_PARTY_COOKIE)?.value, config.cookieSecret);
  const { settings } = await publishedAsk();
  const locale = askLocale(await getLocale());
  const decision = await decideForReader(
    state,
    askNow((name) => jar.get(name)?.value),
  );

  return (
    <>
      <article className="article">
        <h1>City council delays vote on transit budget</h1>
        <p className="byline">By our city desk · Demo article</p>
        <p>
          The council postponed its vote on next year&rsquo;s transit budget on Tuesday after a
          four-hour session in which residents queued to speak about cuts to night bus routes.
        </p>
        <p>
          Records obtained by our reporters show the proposed savings rely on fare revenue
          projections that the transit authority&rsquo;s own analysts flagged as optimistic in
          March.
        </p>
        <p>The vote is now expected in two weeks. We will keep following the money.</p>
      </article>
      {decision.show && (
        <AskBox
          publication={config.PUBLICATION_NAME}
          headingLevel={2}
          surface="article"
          variant={decision.variant === "renew" ? "renew" : "default"}
          returnTo="/demo/article"
          captcha={pageCaptcha()}
          settings={settings}
          locale={locale}
          {...supportPageState({ ...deferredChoice(state), ...query }, settings)}
        />
      )}
      {decision.variant === "thanks" && (
        <p className="ask-thanks" role="note">
          {fillCopy(settings.copy[locale].thanks, { publication: config.PUBLICATION_NAME })}
        </p>
      )}
    </>
  );
}
