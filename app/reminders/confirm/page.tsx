import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { confirmActionPath, reminderDay } from "@/lib/reminders/confirm-mail";
import { confirmationState } from "@/lib/reminders/confirmation";
import { confirmToken } from "@/lib/reminders/handle-confirm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reminders.confirm"))("title") };
}
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (mail scanners open links); the button confirms. */
export default async function ConfirmReminderPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations("reminders.confirm");
  const locale = await getLocale();
  const parsed = confirmToken.safeParse(token);
  const found = parsed.success
    ? await confirmationState(db, parsed.data, new Date())
    : ({ state: "unknown" } as const);
  return (
    <section className="ask">
      <h1>{t("heading")}</h1>
      {found.state === "pending" && (
        <form method="post" action={confirmActionPath(parsed.data!)}>
          <p>{t("question", { day: reminderDay(found.dueAt, locale) })}</p>
          <button type="submit" className="continue">
            {t("submit")}
          </button>
          <p className="fineprint">{t("notYou")}</p>
        </form>
      )}
      {found.state === "confirmed" && (
        <p role="status">{t("confirmed", { day: reminderDay(found.dueAt, locale) })}</p>
      )}
      {found.state === "expired" && <p role="status">{t("expired")}</p>}
      {found.state === "unknown" && <p role="status">{t("unknown")}</p>}
    </section>
  );
}
