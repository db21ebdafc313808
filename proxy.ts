import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { contentSecurityPolicy } from "./lib/security/csp";

/**
 * Adds a per-request nonce and the Content-Security-Policy to every page (API routes answer JSON and skip
 * this, keeping the ask's decision endpoint as light as a bare route). Roles are checked in each page itself.
 */
export function proxy(request: NextRequest) {
  const config = env();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const embedPage = request.nextUrl.pathname.startsWith("/embed/");
  const csp = contentSecurityPolicy({
    nonce,
    checkoutOrigins: config.stripeEmulated ? [new URL(config.STRIPE_EMULATOR_URL).origin] : ["https://checkout.stripe.com", "https://billing.stripe.com"],
    frameAncestors: embedPage ? config.embedOrigins : "none",
    production: new URL(config.APP_URL).protocol === "https:",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|embed.js).*)" }],
};
