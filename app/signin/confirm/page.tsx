import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { confirmationParams, safeCallbackPath } from "@/lib/auth/magic-link";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn.confirm"))("title") };
}
export const dynamic = "force-dynamic";

/**
 * The magic link lands here, not on next-auth's callback: a mail scanner that fetches the link only sees this
 * page. The reader's click POSTs the token to the callback with next-auth's CSRF token (set by proxy.ts), which
 * spends it; the callback refuses to sign in any other way (lib/auth/guard-request), so another site cannot
 * sign a reader in as someone else.
 */
export default async function ConfirmSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = confirmationParams.safeParse(await searchParams);
  const t = await getTranslations("signIn.confirm");
  if (!parsed.success) {
    return (
      <>
        <h1>{t("incompleteHeading")}</h1>
        <p>{t.rich("incompleteBody", { new: (chunks) => <a href="/signin">{chunks}</a> })}</p>
      </>
    );
  }
  const { token, email, callbackUrl } = parsed.data;
  const appUrl = env().APP_URL;
  const csrfToken = (await headers()).get("x-signin-csrf") ?? "";
  // next-auth reads the token and address of an email callback from the query, the rest from the form.
  const action = `/api/auth/callback/email?${new URLSearchParams({ token, email })}`;
  return (
    <>
      <h1>{t("heading", { email })}</h1>
      <form method="post" action={action}>
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input
          type="hidden"
          name="callbackUrl"
          value={`${appUrl}${safeCallbackPath(callbackUrl, appUrl)}`}
        />
        <button className="button" type="submit">
          {t("submit")}
        </button>
      </form>
      <p className="fineprint">{t("notYou")}</p>
    </>
  );
}
