import type { Variant } from "@/lib/ask/config";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";
import type { Notice, SupportPageState } from "@/lib/ask/page-state";
import { CaptchaScript } from "../captcha/CaptchaScript";
import { SupportForm } from "../support/SupportForm";
import { AskShell } from "./AskShell";
import { ImpressionBeacon } from "./ImpressionBeacon";
import { RemindLater } from "./RemindLater";
import { PaymentMarks } from "./PaymentMarks";
import { fromJustLine } from "@/lib/ask/amounts";
import {
  amountSettings,
  fillCopy,
  paragraphs,
  type AskLocale,
  type AskSettings,
} from "@/lib/ask/settings";

type Props = SupportPageState & {
  publication: string;
  headingLevel: 1 | 2;
  surface: string;
  variant: Variant;
  /** The article this ask is on (or, on /support, the one the reader came from): forms and Checkout come back to it. */
  returnTo: string;
  /** The CAPTCHA widget for Continue, when CAPTCHA_PROVIDER is set (lib/captcha/page.ts). */
  captcha: CaptchaWidgetConfig | null;
  /** The published ask (or, in the editor's preview, a draft) and the language to show it in. */
  settings: AskSettings;
  locale: AskLocale;
  /** In the editor's preview: nothing is counted. */
  preview?: boolean;
};

/** A block of the newsroom's plain text: paragraphs, and line breaks kept within them (never HTML). */
export function CopyParagraphs({ text }: { text: string }) {
  return paragraphs(text).map((lines, i) => (
    <p key={i}>
      {lines.map((line, j) => (
        <span key={j}>
          {j > 0 && <br />}
          {line}
        </span>
      ))}
    </p>
  ));
}

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
  settings,
  locale,
  preview = false,
  ...form
}: Props) {
  const copy = settings.copy[locale];
  const fill = (template: string) => fillCopy(template, { publication });
  const offer = {
    currencies: settings.currencies,
    amounts: Object.fromEntries(settings.currencies.map((c) => [c, settings.amounts[c]])),
    button: copy.button,
    buttonOnce: copy.buttonOnce,
  };
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const shown = notice ? noticeText(notice) : null;
  const renew = variant === "renew";
  return (
    <AskShell>
      <section className="ask" id={`ask-${surface}`} aria-labelledby={`ask-heading-${surface}`}>
        {/* A reader sent on from another ask was counted there; this page finishes that journey. */}
        {!form.cameFrom && !preview && <ImpressionBeacon surface={surface} variant={variant} />}
        {captcha && <CaptchaScript captcha={captcha} />}
        <Heading id={`ask-heading-${surface}`}>
          {fill(renew ? copy.renewHeading : copy.heading)}
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
          <CopyParagraphs text={fill(renew ? copy.renewAppeal : copy.appeal)} />
          <p className="from-just">
            {fromJustLine(
              amountSettings(settings, form.currency, "MONTHLY").min,
              form.currency,
              "MONTHLY",
            )}
          </p>
        </div>
        <SupportForm
          {...form}
          offer={offer}
          locale={locale}
          surface={surface}
          variant={variant}
          captcha={captcha}
          returnTo={returnTo}
        />
        <PaymentMarks id={`methods-label-${surface}`} />
        <p className="fineprint">
          Payments are processed securely by Stripe. We never see your card details.
        </p>
        <RemindLater
          surface={surface}
          variant={variant}
          returnTo={returnTo}
          frequency={form.frequency}
          currency={form.currency}
          amount={form.amount}
          notice={remindNotice}
          prompt={copy.remindPrompt}
          action={copy.remindAction}
          choices={settings.remindLater.choices.map((c) => ({
            id: c.id,
            label: copy.remindChoices[c.id] ?? c.id,
          }))}
          defaultChoice={settings.remindLater.defaultChoice}
        />
      </section>
    </AskShell>
  );
}
