import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { RecogniseBrowser } from "@/components/ask/RecogniseBrowser";
import { AwaitConfirmation } from "@/components/support/AwaitConfirmation";
import { FocusHeading } from "@/components/support/FocusHeading";
import {
  findCheckoutOutcome,
  payerToRecognise,
  waitForCheckoutOutcome,
} from "@/lib/checkout/outcome";
import { env } from "@/lib/env";
import { describeGiftIn, formatDay } from "@/lib/i18n/format";
import { articleOf, backAfterPaying, retryAfterFailure } from "@/lib/checkout/thanks-links";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("thanks"))("title") };
}
export const dynamic = "force-dynamic";

const sessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/);

/** Shows only what Stripe's webhook has recorded; the success URL itself records nothing. */
export default async function ThanksPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string; to?: string; waited?: string }>;
}) {
  const query = await searchParams;
  const parsed = sessionId.safeParse(query.session_id);
  // Checkout's success URL (/support/thanks/return) has already waited for the webhook: don't wait twice.
  const outcome = !parsed.success
    ? ({ state: "unknown" } as const)
    : query.waited
      ? await findCheckoutOutcome(parsed.data)
      : await waitForCheckoutOutcome(parsed.data);
  const config = env();
  const publication = config.PUBLICATION_NAME;
  const article = articleOf(query.to);
  const t = await getTranslations("thanks");
  const locale = await getLocale();

  if (outcome.state === "unknown") {
    return (
      <section className="ask thanks">
        <FocusHeading>{t("unknownHeading")}</FocusHeading>
        <p>{t("unknownBody")}</p>
        <p>
          <a href="/support">{t("backToSupport")}</a>
        </p>
      </section>
    );
  }
  const gift = describeGiftIn(locale, outcome.amount, outcome.currency, outcome.frequency);
  if (outcome.state === "failed") {
    const retry = retryAfterFailure(article);
    return (
      <section className="ask thanks">
        <FocusHeading>{t("failedHeading")}</FocusHeading>
        <p>{t("failedBody", { gift })}</p>
        <p>
          <a href={retry}>{t("tryAgain")}</a>
        </p>
      </section>
    );
  }
  if (outcome.state === "pending") {
    // Checked again through the success URL, which recognises this browser once the payment is recorded.
    const recheck = `/support/thanks/return?${new URLSearchParams({
      session_id: parsed.success ? parsed.data : "",
      ...(article && query.to ? { to: query.to } : {}),
    })}`;
    return (
      <section className="ask thanks">
        <FocusHeading>{t("pendingHeading")}</FocusHeading>
        <noscript>
          <meta httpEquiv="refresh" content={`5;url=${recheck}`} />
        </noscript>
        <AwaitConfirmation gift={gift} checkUrl={recheck} />
      </section>
    );
  }
  const back = article ? backAfterPaying(article, payerToRecognise(outcome, new Date())) : null;
  return (
    <section className="ask thanks">
      <FocusHeading>{t("heading", { publication })}</FocusHeading>
      {parsed.success && <RecogniseBrowser sessionId={parsed.data} />}
      <p className="status-ok" role="status">
        {t("confirmed")}
      </p>
      <dl>
        <dt>{t("yourGift")}</dt>
        <dd>{gift}</dd>
        {outcome.paidAt && (
          <>
            <dt>{t("paidOn")}</dt>
            <dd>{formatDay(outcome.paidAt, locale)}</dd>
          </>
        )}
        {outcome.nextPaymentAt && (
          <>
            <dt>{t("nextPayment")}</dt>
            <dd>{formatDay(outcome.nextPaymentAt, locale)}</dd>
          </>
        )}
      </dl>
      <ul className="next-steps">
        {back && (
          <li>
            <a className="button-link" href={back}>
              {t("backToArticle")}
            </a>
          </li>
        )}
        {outcome.receiptUrl && (
          <li>
            <a href={outcome.receiptUrl}>{t("receipt")}</a>
          </li>
        )}
        <li>
          <a href="/account">{t("manage")}</a>
        </li>
      </ul>
    </section>
  );
}
