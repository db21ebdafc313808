import { env } from "../env";
import { readCookie, setCookie } from "../http/cookies";
import { isBotAgent } from "./bot";
import {
  encodeReaderState,
  readReaderState,
  readerCookie,
  type CookieContext,
  type ReaderState,
} from "./reader-state";

/** Where a request to the ask's endpoints comes from: our own pages, or the embed on another site. */
export function cookieContext(request: Request): CookieContext {
  // The iframe fallback's requests are same-origin to us, but the frame sits on another site, where only a
  // partitioned cookie survives; embed.js says so with this header (sent only to our own origin).
  if (request.headers.get("x-ask-frame") === "1") return "cross-site";
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "cross-site" ? "cross-site" : "first-party";
  const origin = request.headers.get("origin");
  return origin && origin !== new URL(env().APP_URL).origin ? "cross-site" : "first-party";
}

function secureOrigin(): boolean {
  return new URL(env().APP_URL).protocol === "https:";
}

export function readReader(
  request: Request,
  context: CookieContext = cookieContext(request),
): {
  state: ReaderState;
  isNew: boolean;
  context: CookieContext;
} {
  const cookie = readerCookie(context, secureOrigin());
  return {
    ...readReaderState(readCookie(request, cookie.name), env().cookieSecret),
    context,
  };
}

export function writeReader(response: Response, state: ReaderState, context: CookieContext): void {
  const cookie = readerCookie(context, secureOrigin());
  setCookie(response, cookie.name, encodeReaderState(state, env().cookieSecret), cookie.options);
}

/** Seconds since the epoch; tests may move it with a cookie when ENABLE_TEST_CLOCK=1 (never with real Stripe). */
export const TEST_CLOCK_COOKIE = "rr_test_now";

export function askNow(read: (name: string) => string | undefined): number {
  if (env().ENABLE_TEST_CLOCK === "1") {
    const override = Number(read(TEST_CLOCK_COOKIE));
    if (Number.isSafeInteger(override) && override > 0) return Math.floor(override / 1000);
  }
  return Math.floor(Date.now() / 1000);
}

/** CORS for the embed: credentials are allowed only for configured origins, echoed back (never "*"). */
export function corsHeaders(request: Request): Record<string, string> | null {
  const origin = request.headers.get("origin");
  if (!origin || origin === new URL(env().APP_URL).origin) return {};
  const allowed = env().embedOrigins;
  if (allowed !== "*" && !allowed.includes(origin)) return null;
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

/** Crawlers and scripts do not count as readers in the funnel. */
export function looksLikeBot(request: Request): boolean {
  return isBotAgent(request.headers.get("user-agent"));
}
