/**
 * The CAPTCHA providers we support, as data: where their server-side check lives, which script draws the
 * widget, the form field the widget fills, and what our Content-Security-Policy must allow for it.
 * Both speak the same siteverify dialect (form-encoded `secret`, `response`, optional `remoteip`; JSON reply
 * `{ success, "error-codes", hostname, … }`), so one verifier serves both (lib/captcha/verify.ts).
 */
export const CAPTCHA_PROVIDERS = ["turnstile", "hcaptcha"] as const;
export type CaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number];

export type CspSources = { script: string[]; frame: string[]; style: string[]; connect: string[] };

export type ProviderSpec = {
  label: string;
  verifyUrl: string;
  /** Loaded with explicit rendering: our client component draws the widget once React has hydrated. */
  scriptUrl: string;
  /** The browser global the script defines (window.turnstile, window.hcaptcha). */
  global: "turnstile" | "hcaptcha";
  /** The hidden field the widget adds to its form. */
  field: string;
  /** Turnstile returns the widget's `action`; we set one and check it comes back unchanged. */
  action?: string;
  /** hCaptcha's siteverify accepts `sitekey` and then refuses tokens minted for another site key. */
  sendsSiteKey: boolean;
  /**
   * Error codes that mean our configuration or the provider is at fault (a wrong secret, a site key that does
   * not match it, a malformed request, an outage): the reader cannot fix these, so we answer "try later"
   * and log, instead of blaming the reader's token.
   */
  serviceErrors: readonly string[];
  csp: CspSources;
};

export const PROVIDERS: Record<CaptchaProvider, ProviderSpec> = {
  // https://developers.cloudflare.com/turnstile/get-started/server-side-validation/ and
  // https://developers.cloudflare.com/turnstile/reference/content-security-policy/
  turnstile: {
    label: "Cloudflare Turnstile",
    verifyUrl: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
    scriptUrl: "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
    global: "turnstile",
    field: "cf-turnstile-response",
    action: "checkout",
    sendsSiteKey: false,
    serviceErrors: [
      "missing-input-secret",
      "invalid-input-secret",
      "bad-request",
      "internal-error",
    ],
    csp: {
      script: ["https://challenges.cloudflare.com"],
      frame: ["https://challenges.cloudflare.com"],
      style: [],
      connect: [],
    },
  },
  // https://docs.hcaptcha.com/ ("Verify the User Response Server Side", "Content-Security-Policy Settings")
  hcaptcha: {
    label: "hCaptcha",
    verifyUrl: "https://api.hcaptcha.com/siteverify",
    // recaptchacompat=off: otherwise the widget posts its token twice (also as g-recaptcha-response).
    scriptUrl: "https://js.hcaptcha.com/1/api.js?render=explicit&recaptchacompat=off",
    global: "hcaptcha",
    field: "h-captcha-response",
    sendsSiteKey: true,
    serviceErrors: [
      "missing-input-secret",
      "invalid-input-secret",
      "sitekey-secret-mismatch",
      "invalid-sitekey",
      "bad-request",
      "not-using-dummy-passcode",
    ],
    csp: {
      script: ["https://hcaptcha.com", "https://*.hcaptcha.com"],
      frame: ["https://hcaptcha.com", "https://*.hcaptcha.com"],
      style: ["https://hcaptcha.com", "https://*.hcaptcha.com"],
      connect: ["https://hcaptcha.com", "https://*.hcaptcha.com"],
    },
  },
};

/** What pages need to draw the widget: public values only (never the secret). */
export type CaptchaWidgetConfig = {
  provider: CaptchaProvider;
  siteKey: string;
  scriptUrl: string;
  field: string;
  global: ProviderSpec["global"];
  action?: string;
};

export function widgetConfig(provider: CaptchaProvider, siteKey: string): CaptchaWidgetConfig {
  const spec = PROVIDERS[provider];
  return {
    provider,
    siteKey,
    scriptUrl: spec.scriptUrl,
    field: spec.field,
    global: spec.global,
    ...(spec.action ? { action: spec.action } : {}),
  };
}
