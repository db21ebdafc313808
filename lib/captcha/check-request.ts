import { z } from "zod";
import { env, type CaptchaSettings } from "../env";
import { clientIp } from "../security/rate-limit";
import { PROVIDERS } from "./providers";
import { verifyCaptchaToken, type CaptchaVerdict } from "./verify";

// A Turnstile token is at most 2048 characters; hCaptcha's are of the same order. The request body is capped
// at 8 KB before we get here.
const token = z.string().trim().min(1).max(8192);

/**
 * The token from a submission: the widget's own field (`cf-turnstile-response` or `h-captcha-response`, which
 * the widget adds to the form) or `captchaToken` for JSON clients.
 */
export function captchaTokenFrom(
  input: unknown,
  settings: Pick<CaptchaSettings, "provider">,
): string | null {
  if (typeof input !== "object" || input === null) return null;
  const fields = input as Record<string, unknown>;
  for (const name of [PROVIDERS[settings.provider].field, "captchaToken"]) {
    const parsed = token.safeParse(fields[name]);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** Passes when CAPTCHA is off; otherwise verifies the submission's token with the configured provider. */
export async function checkCaptcha(
  input: unknown,
  request: Request,
  settings: CaptchaSettings | null = env().captcha,
): Promise<CaptchaVerdict> {
  if (!settings) return { ok: true };
  const verdict = await verifyCaptchaToken(
    captchaTokenFrom(input, settings),
    settings,
    clientIp(request),
  );
  // Unavailable means a reader was turned away through no fault of theirs: someone should look.
  if (!verdict.ok && verdict.reason === "unavailable")
    console.error(
      `captcha: ${PROVIDERS[settings.provider].label} check failed closed: ${verdict.detail}`,
    );
  return verdict;
}
