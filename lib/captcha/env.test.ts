import { describe, expect, it } from "vitest";
import { generateSecrets } from "../demo-secrets";
import { parseEnv as parseProcessEnv } from "../env";

const secrets = generateSecrets();
const parseEnv = (vars: Record<string, string>) =>
  parseProcessEnv({ NODE_ENV: "test", DEMO_MODE: "1", ...vars }, () => secrets);

describe("CAPTCHA configuration", () => {
  it("is off by default (the quick start)", () => {
    expect(parseEnv({}).captcha).toBeNull();
    expect(
      parseEnv({ CAPTCHA_PROVIDER: "off", CAPTCHA_SITE_KEY: "", CAPTCHA_SECRET_KEY: "" }).captcha,
    ).toBeNull();
  });

  it("uses the provider's siteverify and APP_URL's hostname", () => {
    const env = parseEnv({
      CAPTCHA_PROVIDER: "hcaptcha",
      CAPTCHA_SITE_KEY: "site",
      CAPTCHA_SECRET_KEY: "0xsecret",
      APP_URL: "https://News.Example:8443/x",
    });
    expect(env.captcha).toEqual({
      provider: "hcaptcha",
      siteKey: "site",
      secretKey: "0xsecret",
      verifyUrl: "https://api.hcaptcha.com/siteverify",
      expectedHostname: "news.example",
    });
    expect(
      parseEnv({ CAPTCHA_PROVIDER: "turnstile", CAPTCHA_SITE_KEY: "s", CAPTCHA_SECRET_KEY: "k" })
        .captcha?.verifyUrl,
    ).toBe("https://challenges.cloudflare.com/turnstile/v0/siteverify");
  });

  it("takes CAPTCHA_VERIFY_URL as an override", () => {
    const env = parseEnv({
      CAPTCHA_PROVIDER: "turnstile",
      CAPTCHA_SITE_KEY: "s",
      CAPTCHA_SECRET_KEY: "k",
      CAPTCHA_VERIFY_URL: "http://127.0.0.1:9/siteverify",
    });
    expect(env.captcha?.verifyUrl).toBe("http://127.0.0.1:9/siteverify");
  });

  it("refuses to start without both keys, an unknown provider, or a verify URL that is not http(s)", () => {
    expect(() => parseEnv({ CAPTCHA_PROVIDER: "turnstile", CAPTCHA_SITE_KEY: "s" })).toThrow(
      /CAPTCHA_SECRET_KEY: is required when CAPTCHA_PROVIDER is turnstile/,
    );
    expect(() => parseEnv({ CAPTCHA_PROVIDER: "hcaptcha", CAPTCHA_SECRET_KEY: "k" })).toThrow(
      /CAPTCHA_SITE_KEY: is required/,
    );
    expect(() => parseEnv({ CAPTCHA_PROVIDER: "recaptcha" })).toThrow(
      /CAPTCHA_PROVIDER: must be off, turnstile or hcaptcha/,
    );
    expect(() =>
      parseEnv({
        CAPTCHA_PROVIDER: "turnstile",
        CAPTCHA_SITE_KEY: "s",
        CAPTCHA_SECRET_KEY: "k",
        CAPTCHA_VERIFY_URL: "file:///etc/passwd",
      }),
    ).toThrow(/CAPTCHA_VERIFY_URL/);
  });
});
