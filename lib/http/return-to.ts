import { env } from "../env";

/**
 * Where a reader goes back to after Checkout (paid or cancelled) or a no-JavaScript form: the article they were
 * reading. A path on our own site, or a page on one of the embed's host sites (ASK_EMBED_ORIGINS); anything
 * else is dropped, so no form or link can turn us into an open redirect. The fragment is dropped too: the
 * way back adds its own (#rr-ask=…) for the embed to read.
 */
export type ReturnPolicy = { appUrl: string; embedOrigins: "*" | readonly string[] };

/** The running app's policy. */
export function returnPolicy(): ReturnPolicy {
  return { appUrl: env().APP_URL, embedOrigins: env().embedOrigins };
}

const MAX_LENGTH = 1000;
// A path with an optional query: no scheme, no "//" (protocol-relative), no backslash (read as "/" by browsers).
const SAFE_PATH = /^\/(?![/\\])[^\s\\#]*$/;

export type ReturnTo = { kind: "path"; path: string } | { kind: "host"; url: string };

export function parseReturnTo(value: unknown, policy: ReturnPolicy): ReturnTo | null {
  if (typeof value !== "string" || !value || value.length > MAX_LENGTH) return null;
  const withoutHash = value.split("#")[0]!;
  if (withoutHash.startsWith("/")) {
    return SAFE_PATH.test(withoutHash) ? { kind: "path", path: withoutHash } : null;
  }
  let url: URL;
  try {
    url = new URL(withoutHash);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  url.hash = "";
  if (url.origin === new URL(policy.appUrl).origin)
    return { kind: "path", path: `${url.pathname}${url.search}` };
  const allowed = policy.embedOrigins === "*" || policy.embedOrigins.includes(url.origin);
  return allowed ? { kind: "host", url: url.toString() } : null;
}

/** The value to carry in a form or a URL (a path, or a host page's absolute URL). */
export function returnToValue(to: ReturnTo): string {
  return to.kind === "path" ? to.path : to.url;
}

/** An absolute URL for a redirect or a link, with `params` set and an optional fragment. */
export function returnUrl(
  to: ReturnTo,
  appUrl: string,
  params: Record<string, string> = {},
  hash = "",
): URL {
  const url = to.kind === "path" ? new URL(to.path, appUrl) : new URL(to.url);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.hash = hash;
  return url;
}
