import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeCallbackPath } from "@/lib/auth/magic-link";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}
export const dynamic = "force-dynamic";

/** The codes next-auth and our guards send here as ?error=; anything else gets the generic message. */
const ERROR_CODES = ["StaffOnly", "AdminOnly", "Verification", "RateLimited"] as const;
type ErrorCode = (typeof ERROR_CODES)[number];
const isErrorCode = (code: string): code is ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(code);

/** Minutes until a limited request may ask again, from its retryAfter (seconds), when it is a sane number. */
function retryMinutes(value: unknown): number | null {
  const seconds = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 0;
  return seconds ? Math.max(1, Math.ceil(seconds / 60)) : null;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const config = env();
  const t = await getTranslations("signIn");
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : null,
    config.APP_URL,
  );
  const code = typeof params.error === "string" ? params.error : null;
  const minutes = code === "RateLimited" ? retryMinutes(params.retryAfter) : null;
  const error = code
    ? t(`errors.${isErrorCode(code) ? code : "other"}`) +
      (minutes ? ` ${t("retryIn", { minutes })}` : "")
    : null;
  const user = await currentUser();
  return (
    <>
      <h1>{t("title")}</h1>
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}
      {user && (
        <p>
          {t("signedInAs", { email: user.email })} <a href="/account">{t("yourAccount")}</a>
          {user.role !== "READER" && (
            <>
              {" "}
              · <a href="/dashboard">{t("dashboard")}</a>
            </>
          )}
        </p>
      )}
      <p>{t("intro", { publication: config.PUBLICATION_NAME })}</p>
      <SignInForm
        callbackUrl={callbackUrl}
        googleEnabled={Boolean(config.GOOGLE_CLIENT_ID)}
        csrfToken={(await headers()).get("x-signin-csrf") ?? ""}
      />
      {config.mailCaptured && (
        <p className="fineprint">
          {t.rich("demoMailbox", {
            mailbox: (chunks) => <a href="/dev/mailbox">{chunks}</a>,
          })}
        </p>
      )}
    </>
  );
}
