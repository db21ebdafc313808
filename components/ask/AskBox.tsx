import type { Variant } from "@/lib/ask/config";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";
import { ASK_COPY } from "@/lib/ask/ask-copy";
import type { Notice, SupportPageState } from "@/lib/ask/page-state";
import { CaptchaScript } from "../captcha/CaptchaScript";
import { SupportForm } from "../support/SupportForm";
import { AskShell } from "./AskShell";
import { ImpressionBeacon } from "./ImpressionBeacon";
import { RemindLater } from "./RemindLater";
import { PaymentMarks } from "./PaymentMarks";
import { fromJustLine } from "@/lib/ask/amounts";

type Props = SupportPageState & {
  publication: string;
  headingLevel: 1 | 2;
  surface: string;
  variant: Variant;
  /** The article this ask is on (or, on /support, the one the reader came from): forms and Checkout come back to it. */
  returnTo: string;
  /** The CAPTCHA widget for Continue, when CAPTCHA_PROVIDER is set (lib/captcha/page.ts). */
  captcha: CaptchaWidgetConfig | null;
};

function noticeText(notice: NonNullable<Notice>): { text: string; error: boolean } {
  if (notice.kind === "cancelled")
    return {
      text: "You left checkout before paying, so nothing was charged. Your choice is kept below.",
      error: false,
    };
  if (notice.kind === "limited") {
    return {
      text: `Too many checkout attempts from your connection just now. Nothing was charged. Please try again ${notice.tryAgain}; your choice is kept below.`,
      error: true,
    };
  }
  return {
    text: "We could not reach our payment provider just now. Nothing was charged; please try again in a moment.",
    error: true,
  };
}

/** The ask, modelled on the classic "A Message from …" box under articles. */
export function AskBox({
  publication,
  headingLevel,
  surface,
  variant,
  returnTo,
  notice,
  remindNotice,
  captcha,
  ...form
}: Props) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const shown = notice ? noticeText(notice) : null;
  const renew = variant === "renew";
  return (
    <AskShell>
      <section className="ask" id={`ask-${surface}`} aria-labelledby={`ask-heading-${surface}`}>
        {/* A reader sent on from another ask was counted there; this page finishes that journey. */}
        {!form.cameFrom && <ImpressionBeacon surface={surface} variant={variant} />}
        {captcha && <CaptchaScript captcha={captcha} />}
        <Heading id={`ask-heading-${surface}`}>
          {renew ? ASK_COPY.renewHeading(publication) : ASK_COPY.heading(publication)}
        </Heading>
        {shown && (
          <p
            className={shown.error ? "notice error-box" : "notice"}
            role={shown.error ? "alert" : "status"}
          >
            {shown.text}
          </p>
        )}
        <div className="appeal">
          {(renew ? ASK_COPY.renewAppeal : ASK_COPY.appeal).map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          <p className="from-just">{fromJustLine(form.currency, "MONTHLY")}</p>
        </div>
        <SupportForm
          {...form}
          surface={surface}
          variant={variant}
          captcha={captcha}
          returnTo={returnTo}
        />
        <PaymentMarks id={`methods-label-${surface}`} />
        <p className="fineprint">{ASK_COPY.secureNote}</p>
        <RemindLater
          surface={surface}
          variant={variant}
          returnTo={returnTo}
          frequency={form.frequency}
          currency={form.currency}
          amount={form.amount}
          notice={remindNotice}
        />
      </section>
    </AskShell>
  );
}
