/**
 * Requests that next-auth (v4) would answer with a 500, or pass on unchecked, are refused or repaired before it
 * sees them: it writes the `error` query parameter into a Location header unencoded (CRLF or any non-Latin-1
 * character throws), answers an invalid callbackUrl (query or cookie) with "server configuration" 500s on every
 * route and page that reads the session, and parses JSON bodies without catching. Our pages only ever post forms
 * to it (next-auth/react does), and never use its client logger endpoint.
 */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own rule (core/lib/assert.ts): an http(s) URL, or a path on this site. */
export function isValidCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // next-auth's cookie parser keeps undecodable values as they are
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** Callback-URL cookies next-auth would choke on (planted by a sibling subdomain, or corrupted). */
export function invalidCallbackCookies(cookieHeader: string | null, base: string): string[] {
  const cookies = cookieValues(cookieHeader);
  return CALLBACK_COOKIES.filter((name) => cookies.has(name) && cookies.get(name) !== "" && !isValidCallbackUrl(cookies.get(name)!, base));
}

/** For app/api/auth/[...nextauth]: null when next-auth may handle the request, else the answer. */
export function guardAuthRequest(request: Request, appUrl: string): Response | null {
  const url = new URL(request.url);
  const action = url.pathname.split("/")[3];
  if (action === "_log") return Response.json({ error: "Not found." }, { status: 404 });
  if (request.method === "POST" && !(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    return Response.json({ error: "Send a form (application/x-www-form-urlencoded)." }, { status: 415 });
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null && callbackUrl !== "" && !isValidCallbackUrl(callbackUrl, appUrl)) {
    return Response.json({ error: "That callbackUrl is not a web address." }, { status: 400 });
  }
  const stale = invalidCallbackCookies(request.headers.get("cookie"), appUrl);
  if (stale.length) {
    // Drop the cookie and let the browser repeat the request without it (307 keeps the method and body).
    const headers = new Headers({ Location: url.pathname + url.search });
    for (const name of stale) headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
    return new Response(null, { status: 307, headers });
  }
  if (action === "error") {
    const code = url.searchParams.get("error");
    if (code !== null && !/^[A-Za-z]{1,64}$/.test(code)) return Response.redirect(new URL("/signin?error=Default", appUrl), 303);
  }
  return null;
}
