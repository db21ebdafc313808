import type { Metadata } from "next";
import { headers } from "next/headers";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeCallbackPath } from "@/lib/auth/magic-link";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  StaffOnly:
    "That page is for the newsroom's staff. Your account can see your own gifts at “Your account”.",
  AdminOnly: "Only admins can manage staff.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  RateLimited:
    "We have sent several sign-in links recently. Please use the newest one, or wait a few minutes and ask again.",
};

/** "in about N minutes" from a limited request's retryAfter (seconds), when it is a sane number. */
function retryHint(value: unknown): string {
  const seconds = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 0;
  if (!seconds) return "";
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return ` You can ask again in about ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const config = env();
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : null,
    config.APP_URL,
  );
  const code = typeof params.error === "string" ? params.error : null;
  const error = code
    ? (Object.hasOwn(ERRORS, code) ? ERRORS[code]! : "Sign-in did not work. Please try again.") +
      (code === "RateLimited" ? retryHint(params.retryAfter) : "")
    : null;
  const user = await currentUser();
  return (
    <>
      <h1>Sign in</h1>
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}
      {user && (
        <p>
          You are signed in as {user.email}. <a href="/account">Your account</a>
          {user.role !== "READER" && (
            <>
              {" "}
              · <a href="/dashboard">Dashboard</a>
            </>
          )}
        </p>
      )}
      <p>
        Use the email address you gave when you supported {config.PUBLICATION_NAME}. We will email
        you a link; no password needed.
      </p>
      <SignInForm
        callbackUrl={callbackUrl}
        googleEnabled={Boolean(config.GOOGLE_CLIENT_ID)}
        csrfToken={(await headers()).get("x-signin-csrf") ?? ""}
      />
      {config.mailCaptured && (
        <p className="fineprint">
          Demo mode: mail is not sent; open the <a href="/dev/mailbox">development mailbox</a> to
          find your link.
        </p>
      )}
    </>
  );
}
