import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn.checkEmail"))("title") };
}
// Rendered per request like every page: a prerendered page carries no CSP nonce, so its scripts were refused.
export const dynamic = "force-dynamic";

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn.checkEmail");
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
    </>
  );
}
