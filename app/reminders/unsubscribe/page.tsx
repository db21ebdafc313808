import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reminders.unsubscribe"))("title") };
}
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (mail scanners open links); the button does. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; done?: string }>;
}) {
  const { token = "", done } = await searchParams;
  const t = await getTranslations("reminders.unsubscribe");
  return (
    <section className="ask">
      <h1>{t("heading")}</h1>
      {done ? (
        <p role="status">{t("done")}</p>
      ) : (
        <form
          method="post"
          action={`/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`}
        >
          <p>{t("question")}</p>
          <button type="submit" className="continue">
            {t("submit")}
          </button>
        </form>
      )}
    </section>
  );
}
