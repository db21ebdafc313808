/**
 * The variables live mode requires real values of (lib/env.ts), written out here rather than taken from it, so
 * that the tests which check each is named notice one going missing.
 */
export const LIVE_SECRETS = [
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "ASK_COOKIE_SECRET",
  "NEXTAUTH_SECRET",
  "EMAIL_SERVER",
] as const;
