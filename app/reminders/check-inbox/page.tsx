import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { safeCallbackPath } from "@/lib/auth/magic-link";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reminders.checkInbox"))("title") };
}
export const dynamic = "force-dynamic";

/** Where "remind me later" without JavaScript lands when a confirmation mail went out. */
export default async function CheckInboxPage({
  searchParams,
}: {
  searchParams: Promise<{ back?: string | string[] }>;
}) {
  const { back } = await searchParams;
  const t = await getTranslations("reminders.checkInbox");
  const returnTo = safeCallbackPath(typeof back === "string" ? back : null, env().APP_URL, "/");
  return (
    <section className="ask">
      <h1>{t("heading")}</h1>
      <p role="status">{t("body")}</p>
      <p>
        <a href={returnTo}>{t("back")}</a>
      </p>
    </section>
  );
}
