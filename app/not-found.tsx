import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notFound"))("title") };
}

/** Our own 404, inside the site's layout (banner, header, footer), for any URL or record that does not exist. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section className="panel narrow" aria-labelledby="not-found">
      <h1 id="not-found">{t("title")}</h1>
      <p>{t("body")}</p>
      <ul>
        <li>
          <a href="/support">{t("support")}</a>
        </li>
        <li>
          <a href="/account">{t("account")}</a>
        </li>
        <li>
          <a href="/dashboard">{t("dashboard")}</a>
        </li>
      </ul>
    </section>
  );
}
