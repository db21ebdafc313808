import type { Metadata } from "next";
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
import { describeGift } from "@/lib/ask/amounts";
import { articleOf, backAfterPaying, retryAfterFailure } from "@/lib/checkout/thanks-links";

export const metadata: Metadata = { title: "Thank you" };
export const dynamic = "force-dynamic";

const sessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/);

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

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

  if (outcome.state === "unknown") {
    return (
      <section className="ask thanks">
        <FocusHeading>We could not find that payment</FocusHeading>
        <p>
          This link does not match a checkout we started. If you were charged, the receipt from
          Stripe in your inbox is your record.
        </p>
        <p>
          <a href="/support">Back to the support page</a>
        </p>
      </section>
    );
  }
  const gift = describeGift(outcome.amount, outcome.currency, outcome.frequency);
  if (outcome.state === "failed") {
    const retry = retryAfterFailure(article);
    return (
      <section className="ask thanks">
        <FocusHeading>Your payment did not go through</FocusHeading>
        <p>
          Your {gift} gift could not be collected, and nothing was charged. You can try again with
          another payment method.
        </p>
        <p>
          <a href={retry}>Try again</a>
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
        <FocusHeading>Thank you! We are confirming your payment</FocusHeading>
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
      <FocusHeading>Thank you for supporting {publication}</FocusHeading>
      {parsed.success && <RecogniseBrowser sessionId={parsed.data} />}
      <p className="status-ok" role="status">
        Your payment is confirmed.
      </p>
      <dl>
        <dt>Your gift</dt>
        <dd>{gift}</dd>
        {outcome.paidAt && (
          <>
            <dt>Paid on</dt>
            <dd>{formatDate(outcome.paidAt)}</dd>
          </>
        )}
        {outcome.nextPaymentAt && (
          <>
            <dt>Next payment</dt>
            <dd>{formatDate(outcome.nextPaymentAt)}</dd>
          </>
        )}
      </dl>
      <ul className="next-steps">
        {back && (
          <li>
            <a className="button-link" href={back}>
              Back to the article
            </a>
          </li>
        )}
        {outcome.receiptUrl && (
          <li>
            <a href={outcome.receiptUrl}>View your receipt</a>
          </li>
        )}
        <li>
          <a href="/account">Manage my support</a>
        </li>
      </ul>
    </section>
  );
}
