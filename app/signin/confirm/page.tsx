import type { Metadata } from "next";
import { confirmationParams, safeCallbackPath } from "@/lib/auth/magic-link";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Confirm sign-in" };
export const dynamic = "force-dynamic";

/**
 * The magic link lands here, not on next-auth's callback: a mail scanner that fetches the link only sees this
 * page. The reader's click submits the token to the callback, which spends it.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = confirmationParams.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <h1>This sign-in link is incomplete</h1>
        <p>Copy the whole link from the mail, or <a href="/signin">ask for a new one</a>.</p>
      </>
    );
  }
  const { token, email, callbackUrl } = parsed.data;
  const appUrl = env().APP_URL;
  return (
    <>
      <h1>Sign in as {email}?</h1>
      <form method="get" action="/api/auth/callback/email">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={`${appUrl}${safeCallbackPath(callbackUrl, appUrl)}`} />
        <button className="button" type="submit">Sign in</button>
      </form>
      <p className="fineprint">Not you? Close this page; nothing happens until you click.</p>
    </>
  );
}
