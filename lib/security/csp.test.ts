import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../captcha/providers";
import { contentSecurityPolicy, type CspOptions } from "./csp";

const base: CspOptions = {
  nonce: "abc",
  checkoutOrigins: ["https://checkout.stripe.com"],
  frameAncestors: "none",
  production: true,
};

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("names no CAPTCHA origin and no frame-src when no CAPTCHA is enabled", () => {
    for (const captcha of [undefined, null]) {
      const policy = contentSecurityPolicy({ ...base, captcha });
      expect(policy).not.toMatch(/hcaptcha|cloudflare/);
      expect(directives(policy).has("frame-src")).toBe(false);
      expect(directives(policy).get("script-src")).toEqual([
        "'self'",
        "'nonce-abc'",
        "'strict-dynamic'",
      ]);
      expect(directives(policy).get("connect-src")).toEqual(["'self'"]);
      expect(directives(policy).get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    }
  });

  it("allows Turnstile's script and frame, and nothing else of Cloudflare's", () => {
    const d = directives(contentSecurityPolicy({ ...base, captcha: PROVIDERS.turnstile.csp }));
    expect(d.get("script-src")).toEqual([
      "'self'",
      "'nonce-abc'",
      "'strict-dynamic'",
      "https://challenges.cloudflare.com",
    ]);
    expect(d.get("frame-src")).toEqual(["'self'", "https://challenges.cloudflare.com"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
  });

  it("allows hCaptcha's origins in script-src, frame-src, style-src and connect-src, as its docs list", () => {
    const d = directives(contentSecurityPolicy({ ...base, captcha: PROVIDERS.hcaptcha.csp }));
    const origins = ["https://hcaptcha.com", "https://*.hcaptcha.com"];
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'", ...origins]);
    expect(d.get("frame-src")).toEqual(["'self'", ...origins]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'", ...origins]);
    expect(d.get("connect-src")).toEqual(["'self'", ...origins]);
    expect(d.get("form-action")).toEqual(["'self'", "https://checkout.stripe.com"]);
  });

  it("keeps the rest of the policy unchanged by a CAPTCHA", () => {
    const off = directives(contentSecurityPolicy(base));
    const on = directives(contentSecurityPolicy({ ...base, captcha: PROVIDERS.hcaptcha.csp }));
    for (const name of [
      "default-src",
      "img-src",
      "font-src",
      "form-action",
      "frame-ancestors",
      "base-uri",
      "object-src",
      "upgrade-insecure-requests",
    ]) {
      expect(on.get(name), name).toEqual(off.get(name));
    }
  });
});
