import { z } from "zod";
import { describeError } from "../security/redact";
import { PROVIDERS, type CaptchaProvider } from "./providers";

/** The part of a siteverify reply we rely on; both providers send more (challenge_ts, credit, cdata, …). */
const siteverifyReply = z.object({
  success: z.boolean(),
  "error-codes": z.array(z.string()).optional(),
  hostname: z.string().optional(),
  action: z.string().optional(),
});

export type VerifySettings = {
  provider: CaptchaProvider;
  secretKey: string;
  siteKey: string;
  /** Where to POST; the provider's siteverify unless overridden (tests, self-hosted proxies). */
  verifyUrl: string;
  /** APP_URL's hostname: a token solved on another site is refused when the provider names the site. */
  expectedHostname: string;
  timeoutMs?: number;
};

export type CaptchaVerdict =
  | { ok: true }
  /** The reader's token is missing, forged, expired, reused or was solved elsewhere: they can try again. */
  | { ok: false; reason: "missing" | "rejected"; detail: string }
  /** The check could not be made (provider down or slow, our keys wrong): fail closed, "try again later". */
  | { ok: false; reason: "unavailable"; detail: string };

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Asks the provider's siteverify whether `token` is a fresh, valid solution for our site. Never throws:
 * every failure is a verdict, and anything but an explicit success from the provider refuses.
 */
export async function verifyCaptchaToken(
  token: string | null,
  settings: VerifySettings,
  remoteIp?: string,
): Promise<CaptchaVerdict> {
  if (!token) return { ok: false, reason: "missing", detail: "no token" };
  const spec = PROVIDERS[settings.provider];
  const form = new URLSearchParams({ secret: settings.secretKey, response: token });
  if (remoteIp && remoteIp !== "unknown") form.set("remoteip", remoteIp);
  if (spec.sendsSiteKey) form.set("sitekey", settings.siteKey);

  let body: unknown;
  try {
    const response = await fetch(settings.verifyUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form,
      signal: AbortSignal.timeout(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: "error",
    });
    const text = await response.text();
    if (!response.ok)
      return {
        ok: false,
        reason: "unavailable",
        detail: `siteverify answered HTTP ${response.status}`,
      };
    body = JSON.parse(text);
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    if (timedOut) return { ok: false, reason: "unavailable", detail: "siteverify timed out" };
    // fetch's own message is only "fetch failed"; the cause says what (ECONNREFUSED, a TLS error, …).
    const cause = error instanceof Error && error.cause ? ` (${describeError(error.cause)})` : "";
    return {
      ok: false,
      reason: "unavailable",
      detail: `siteverify failed: ${describeError(error)}${cause}`,
    };
  }

  const reply = siteverifyReply.safeParse(body);
  if (!reply.success)
    return { ok: false, reason: "unavailable", detail: "siteverify sent an unexpected reply" };
  const codes = reply.data["error-codes"] ?? [];
  if (!reply.data.success) {
    const service = codes.filter((code) => spec.serviceErrors.includes(code));
    if (service.length > 0)
      return {
        ok: false,
        reason: "unavailable",
        detail: `siteverify refused our request: ${service.join(", ")}`,
      };
    return {
      ok: false,
      reason: "rejected",
      detail: codes.length ? codes.join(", ") : "not successful",
    };
  }
  const { hostname, action } = reply.data;
  if (
    hostname !== undefined &&
    hostname.toLowerCase() !== settings.expectedHostname.toLowerCase()
  ) {
    return {
      ok: false,
      reason: "rejected",
      detail: `solved on ${JSON.stringify(hostname.slice(0, 100))}, expected ${settings.expectedHostname}`,
    };
  }
  if (spec.action && action !== undefined && action !== spec.action) {
    return {
      ok: false,
      reason: "rejected",
      detail: `widget action ${JSON.stringify(action.slice(0, 40))}, expected ${spec.action}`,
    };
  }
  return { ok: true };
}
