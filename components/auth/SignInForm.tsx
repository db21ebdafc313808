"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

/**
 * The email sign-in form: a plain post to next-auth's email sign-in (with its CSRF token), so it works without
 * JavaScript (next-auth redirects to "check your email", or back here with ?error=); with JavaScript it stays
 * on the page and says so.
 */
export function SignInForm({
  callbackUrl,
  googleEnabled,
  csrfToken,
}: {
  callbackUrl: string;
  googleEnabled: boolean;
  csrfToken: string;
}) {
  const [state, setState] = useState<"idle" | "sending" | "sent" | "error" | "limited">("idle");
  const [email, setEmail] = useState("");
  const t = useTranslations("signIn.form");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState("sending");
    const result = await signIn("email", { email, callbackUrl, redirect: false }).catch(() => null);
    setState(
      result?.error === "RateLimited" ? "limited" : !result || result.error ? "error" : "sent",
    );
  }

  if (state === "sent") {
    return (
      <div className="notice" role="status">
        <p>{t.rich("sent", { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      </div>
    );
  }
  return (
    <>
      <form method="post" action="/api/auth/signin/email" onSubmit={submit} className="stack">
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label htmlFor="signin-email">{t("email")}</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button className="button" type="submit" disabled={state === "sending"}>
          {state === "sending" ? t("sending") : t("submit")}
        </button>
        {state === "error" && (
          <p className="error" role="alert">
            {t("error")}
          </p>
        )}
        {state === "limited" && (
          <p className="error" role="alert">
            {t("limited")}
          </p>
        )}
      </form>
      {googleEnabled && (
        <form method="post" action="/api/auth/signin/google">
          <input type="hidden" name="csrfToken" value={csrfToken} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            className="button secondary"
            type="submit"
            onClick={(event) => {
              event.preventDefault();
              void signIn("google", { callbackUrl });
            }}
          >
            {t("google")}
          </button>
        </form>
      )}
    </>
  );
}
