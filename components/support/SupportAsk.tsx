import { ASK_COPY } from "@/lib/support/ask-copy";
import type { SupportPageState } from "@/lib/support/page-state";
import { SupportForm } from "./SupportForm";

type Props = SupportPageState & { publication: string; headingLevel: 1 | 2; surface?: string };

const NOTICES = {
  cancelled: { text: "You left checkout before paying, so nothing was charged. Your choice is kept below.", error: false },
  unavailable: { text: "We could not reach our payment provider just now. Nothing was charged; please try again in a moment.", error: true },
} as const;

/** The ask, modelled on the classic "A Message from …" box under articles. */
export function SupportAsk({ publication, headingLevel, surface = "support-page", notice, ...form }: Props) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const shown = notice ? NOTICES[notice] : null;
  return (
    <section className="ask" aria-labelledby="ask-heading">
      <Heading id="ask-heading">{ASK_COPY.heading(publication)}</Heading>
      {shown && (
        <p className={shown.error ? "notice error-box" : "notice"} role="status">
          {shown.text}
        </p>
      )}
      <div className="appeal">
        {ASK_COPY.appeal.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <SupportForm {...form} surface={surface} />
      <div className="methods">
        <span id="methods-label">We accept:</span>
        <ul aria-labelledby="methods-label">
          {ASK_COPY.paymentMethods.map((method) => (
            <li key={method}>{method}</li>
          ))}
        </ul>
      </div>
      <p className="fineprint">{ASK_COPY.secureNote}</p>
    </section>
  );
}
