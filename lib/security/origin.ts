import { env } from "../env";
import { AppError } from "../errors/app-error";

/**
 * Cross-site request forgery defence for state-changing requests to first-party endpoints: a POST, PUT, PATCH
 * or DELETE whose Origin is not ours (nor one the endpoint explicitly accepts, like the embed's host sites for
 * checkout) is refused with 403. Browsers send Origin on every such request (fetch and form posts alike), and
 * page script cannot forge it; where an old browser leaves it out, Sec-Fetch-Site still tells a cross-site
 * request apart. A request with neither header did not come from a browser page (curl, a mail provider's
 * one-click unsubscribe, a server), so it cannot ride a reader's cookies and is left to the endpoint's own checks.
 *
 * Not used by: Stripe's webhook (no Origin; the signature is the check), next-auth's routes (their own CSRF
 * token), and the ask's embed endpoints /api/ask/* (their CORS rules in lib/ask/http.ts decide per origin).
 */
export type OriginPolicy = {
  /** Our public origin (APP_URL's). */
  appOrigin: string;
  /** Other origins this endpoint accepts: a list, or "*" for any (the embed's host sites, when configured so). */
  alsoAllow?: "*" | readonly string[];
};

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameHost(origin: URL, headers: Headers): boolean {
  // The Host the browser sent (or the proxy in front of us forwarded): a page cannot make a browser send
  // another one, and a header like X-Forwarded-Host on a cross-site request needs a preflight we never grant.
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return Boolean(host) && origin.host === host!.toLowerCase();
}

/** Pure decision, for tests: may this request change state? */
export function originVerdict(
  method: string,
  headers: Headers,
  policy: OriginPolicy,
): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    if (site === "cross-site" || site === "same-site")
      return { ok: false, reason: `Sec-Fetch-Site: ${site} without Origin` };
    return { ok: true };
  }
  // "null" is what sandboxed frames, file: pages and some cross-site redirects send: never one of ours.
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { ok: false, reason: "unparseable Origin" };
  }
  if (parsed.origin === "null" || origin !== parsed.origin)
    return { ok: false, reason: "opaque or malformed Origin" };
  if (parsed.origin === new URL(policy.appOrigin).origin) return { ok: true };
  if (sameHost(parsed, headers)) return { ok: true };
  if (policy.alsoAllow === "*") return { ok: true };
  if (policy.alsoAllow?.includes(parsed.origin)) return { ok: true };
  return { ok: false, reason: `foreign Origin ${parsed.origin}` };
}

/**
 * For route handlers: null when the request may proceed, else the 403 to answer with.
 * `embed: true` also accepts the ask's configured host sites (ASK_EMBED_ORIGINS), whose pages post to us.
 */
export function refuseCrossSite(
  request: Request,
  options: { embed?: boolean } = {},
): Response | null {
  try {
    assertSameSite(request, options);
    return null;
  } catch (error) {
    const { message, code } = error as AppError;
    return Response.json({ error: { code, message } }, { status: 403 });
  }
}

/** The request pipeline's origin step: throws a 403 AppError when refuseCrossSite would refuse. */
export function assertSameSite(request: Request, options: { embed?: boolean } = {}): void {
  const config = env();
  const verdict = originVerdict(request.method, request.headers, {
    appOrigin: config.APP_URL,
    alsoAllow: options.embed ? config.embedOrigins : undefined,
  });
  if (!verdict.ok)
    throw new AppError("forbidden", "Requests from other sites are not accepted here.");
}
