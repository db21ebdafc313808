import type { Metadata } from "next";
import { z } from "zod";
import { RecogniseBrowser } from "@/components/ask/RecogniseBrowser";
import { AwaitConfirmation } from "@/components/support/AwaitConfirmation";
import { waitForCheckoutOutcome } from "@/lib/checkout/outcome";
import { env } from "@/lib/env";
import { describeGift } from "@/lib/ask/amounts";

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
  searchParams: Promise<{ session_id?: string }>;
}) {
  const parsed = sessionId.safeParse((await searchParams).session_id);
  const outcome = parsed.success
    ? await waitForCheckoutOutcome(parsed.data)
    : ({ state: "unknown" } as const);
  const publication = env().PUBLICATION_NAME;

  if (outcome.state === "unknown") {
    return (
      <section className="ask thanks">
        <h1>We could not find that payment</h1>
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
    return (
      <section className="ask thanks">
        <h1>Your payment did not go through</h1>
        <p>
          Your {gift} gift could not be collected, and nothing was charged. You can try again with
          another payment method.
        </p>
        <p>
          <a href="/support">Try again</a>
        </p>
      </section>
    );
  }
  if (outcome.state === "pending") {
    return (
      <section className="ask thanks">
        <h1>Thank you! We are confirming your payment</h1>
        <AwaitConfirmation gift={gift} />
      </section>
    );
  }
  return (
    <section className="ask thanks">
      <h1>Thank you for supporting {publication}</h1>
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
      {outcome.receiptUrl && (
        <p>
          <a href={outcome.receiptUrl}>View your receipt</a>
        </p>
      )}
    </section>
  );
}
