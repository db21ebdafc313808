import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `<base64url(json)>.<base64url(hmac-sha256)>`: readable by us only if we wrote it. Anything forged, tampered
 * or malformed reads as null, and the caller treats the browser as a new reader.
 */
function mac(body: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(body).digest();
}

export function signValue(value: unknown, secret: string): string {
  const body = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${body}.${mac(body, secret).toString("base64url")}`;
}

export function verifyValue(token: string | undefined | null, secret: string): unknown {
  if (!token || token.length > 4096) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown;
  } catch {
    return null;
  }
}
