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
};

export function contentSecurityPolicy(options: CspOptions): string {
  const ancestors =
    options.frameAncestors === "none" ? "'none'" : options.frameAncestors === "*" ? "*" : ["'self'", ...options.frameAncestors].join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.production ? "" : " 'unsafe-eval'"}`,
    // React and the charts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${options.checkoutOrigins.join(" ")}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'self'",
    "object-src 'none'",
  ];
  if (options.production) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
