import type { Metadata } from "next";
import { AskBox } from "@/components/ask/AskBox";
import { pageCaptcha } from "@/lib/captcha/page";
import { env } from "@/lib/env";
import { supportPageState } from "@/lib/ask/page-state";

export const metadata: Metadata = { title: "Support our journalism" };
export const dynamic = "force-dynamic";

/** The destination page: the ask is always shown here, whatever remind-later the reader chose elsewhere. */
export default async function SupportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const config = env();
  const state = supportPageState(await searchParams, config.DEFAULT_CURRENCY);
  return (
    <AskBox
      publication={config.PUBLICATION_NAME}
      headingLevel={1}
      surface="support-page"
      variant="default"
      returnTo="/support"
      captcha={pageCaptcha()}
      {...state}
    />
  );
}
