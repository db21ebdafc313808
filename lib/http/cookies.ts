/**
 * Cookies on plain web Requests and Responses, read and written exactly as Next's `request.cookies` and
 * `response.cookies.set` do (so lib/ needs no next/server): the last pair of a name wins, values are
 * URI-decoded on the way in and encoded on the way out, and Max-Age comes with the matching Expires.
 */
export type CookieOptions = {
  path?: string;
  maxAge?: number;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: "lax" | "strict" | "none";
  partitioned?: boolean;
};

/** The value of the request's cookie `name`, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  let found: string | undefined;
  for (const pair of (request.headers.get("cookie") ?? "").split(/; */)) {
    if (!pair) continue;
    const splitAt = pair.indexOf("=");
    if (splitAt === -1) {
      if (pair === name) found = "true";
      continue;
    }
    if (pair.slice(0, splitAt) !== name) continue;
    try {
      found = decodeURIComponent(pair.slice(splitAt + 1));
    } catch {
      // A value that does not decode is skipped, as Next skips it.
    }
  }
  return found;
}

/** The Set-Cookie header's value, attributes in Next's order. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const path = options.path ?? "/";
  const attributes = [
    path && `Path=${path}`,
    options.maxAge && `Expires=${new Date(Date.now() + options.maxAge * 1000).toUTCString()}`,
    typeof options.maxAge === "number" && `Max-Age=${options.maxAge}`,
    options.domain && `Domain=${options.domain}`,
    options.secure && "Secure",
    options.httpOnly && "HttpOnly",
    options.sameSite && `SameSite=${options.sameSite}`,
    options.partitioned && "Partitioned",
  ].filter(Boolean);
  return [`${name}=${encodeURIComponent(value)}`, ...attributes].join("; ");
}

/** Sets cookie `name` on the response, replacing an earlier Set-Cookie of the same name. */
export function setCookie(
  response: Response,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  const others = response.headers
    .getSetCookie()
    .filter((cookie) => cookie.slice(0, cookie.indexOf("=")) !== name);
  response.headers.delete("set-cookie");
  for (const cookie of others) response.headers.append("set-cookie", cookie);
  response.headers.append("set-cookie", serializeCookie(name, value, options));
}
