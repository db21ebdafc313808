import type { CspSources } from "../captcha/providers";

/**
 * The Content-Security-Policy of our pages: scripts only from us with this response's nonce (Next.js puts the
 * nonce on its own scripts), forms only to us and Stripe Checkout, and no framing except the embed's page.
 */
export type CspOptions = {
  nonce: string;
  /** Where Checkout lives: Stripe's host, or the built-in emulator in test mode. */
  checkoutOrigins: string[];
  /** Who may frame the page: "none" for ordinary pages; the embed origins for the iframe ask. */
  frameAncestors: "none" | "*" | string[];
  production: boolean;
  /** The CAPTCHA provider's origins, only when a CAPTCHA is enabled (CAPTCHA_PROVIDER) and the page may show it. */
  captcha?: CspSources | null;
};

const withSources = (base: string, extra: readonly string[] = []) => [base, ...extra].join(" ");

export function contentSecurityPolicy(options: CspOptions): string {
  const ancestors =
    options.frameAncestors === "none"
      ? "'none'"
      : options.frameAncestors === "*"
        ? "*"
        : ["'self'", ...options.frameAncestors].join(" ");
  const captcha = options.captcha;
  const directives = [
    "default-src 'self'",
    // The provider's origin is for browsers without 'strict-dynamic'; the others load its script by our nonce.
    withSources(
      `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.production ? "" : " 'unsafe-eval'"}`,
      captcha?.script,
    ),
    // React and the charts set style attributes; styles cannot run code.
    withSources("style-src 'self' 'unsafe-inline'", captcha?.style),
    "img-src 'self' data:",
    "font-src 'self'",
    withSources("connect-src 'self'", captcha?.connect),
    // The CAPTCHA widget draws its challenge in a frame from the provider (without it, frames fall back to default-src).
    ...(captcha?.frame.length ? [withSources("frame-src 'self'", captcha.frame)] : []),
    `form-action 'self' ${options.checkoutOrigins.join(" ")}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'self'",
    "object-src 'none'",
  ];
  if (options.production) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
