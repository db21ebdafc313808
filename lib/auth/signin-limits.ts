import type { NextAuthOptions } from "next-auth";
import { normaliseEmail } from "../membership/supporters";
import { clientIp, consume, type LimitResult } from "../security/rate-limit";

/** The sign-in page's ?error= code for a refused request (mapped to a message there and in the form). */
export const SIGN_IN_LIMITED = "RateLimited";

/**
 * Whether one more sign-in mail may go out: per client address first (so one flooding client spends only its own
 * budget), then per address typed. Known and unknown addresses are limited alike, so the answer says nothing
 * about whether the address has an account.
 */
export async function allowSignInMail(email: string, ip: string): Promise<LimitResult> {
  const byClient = await consume("signin-ip", ip);
  if (!byClient.allowed) return byClient;
  return consume("signin-email", email);
}

/** Where a refused request goes: the sign-in page with a human message (next-auth answers JSON callers with it too). */
export function limitedSignInUrl(appUrl: string, retryAfterSeconds: number): string {
  const url = new URL("/signin", appUrl);
  url.searchParams.set("error", SIGN_IN_LIMITED);
  url.searchParams.set("retryAfter", String(retryAfterSeconds));
  return url.toString();
}

/**
 * next-auth's options for one request, with the sign-in mail limits in its signIn callback: next-auth calls it
 * with `email.verificationRequest` after checking its CSRF token and the address, before it stores a token or
 * sends mail, and follows a returned URL (a 302 for forms, `{ url }` for next-auth/react).
 */
export function withSignInLimits(
  options: NextAuthOptions,
  request: Request,
  appUrl: string,
): NextAuthOptions {
  const ip = clientIp(request);
  const next = options.callbacks?.signIn;
  return {
    ...options,
    callbacks: {
      ...options.callbacks,
      async signIn(params) {
        const email = normaliseEmail(params.user.email ?? params.account?.providerAccountId);
        if (params.email?.verificationRequest && email) {
          const verdict = await allowSignInMail(email, ip);
          if (!verdict.allowed) return limitedSignInUrl(appUrl, verdict.retryAfterSeconds);
        }
        return next ? next(params) : true;
      },
    },
  };
}
