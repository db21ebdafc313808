import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captchaTokenFrom } from "./check-request";
import { startSiteverify } from "@/test/captcha/test-siteverify";
import { verifyCaptchaToken, type VerifySettings } from "./verify";

let siteverify: Awaited<ReturnType<typeof startSiteverify>>;
let turnstile: VerifySettings;
let hcaptcha: VerifySettings;

beforeAll(async () => {
  siteverify = await startSiteverify({ hostname: "news.example" });
  const common = {
    secretKey: "secret",
    verifyUrl: siteverify.url,
    expectedHostname: "news.example",
    timeoutMs: 300,
  };
  turnstile = { ...common, provider: "turnstile", siteKey: "0x4AAA-site" };
  hcaptcha = { ...common, provider: "hcaptcha", siteKey: "10000000-ffff-ffff-ffff-000000000001" };
});

afterAll(() => siteverify?.close());

describe("verifyCaptchaToken against a siteverify speaking the providers' format", () => {
  it("accepts a token the provider confirms for our hostname, sending secret, response and remoteip form-encoded", async () => {
    expect(await verifyCaptchaToken("pass-t1", turnstile, "203.0.113.9")).toEqual({ ok: true });
    const call = siteverify.calls.at(-1)!;
    expect(call.contentType).toBe("application/x-www-form-urlencoded");
    expect(call.form).toEqual({ secret: "secret", response: "pass-t1", remoteip: "203.0.113.9" });
  });

  it("sends hCaptcha the site key too, so a token minted for another site key is refused there", async () => {
    expect(await verifyCaptchaToken("pass-h1", hcaptcha)).toEqual({ ok: true });
    expect(siteverify.calls.at(-1)!.form).toEqual({
      secret: "secret",
      response: "pass-h1",
      sitekey: hcaptcha.siteKey,
    });
  });

  it("refuses a missing token without asking the provider", async () => {
    const before = siteverify.calls.length;
    expect(await verifyCaptchaToken(null, turnstile)).toMatchObject({
      ok: false,
      reason: "missing",
    });
    expect(siteverify.calls.length).toBe(before);
  });

  it("refuses a token the provider rejects, with its error codes", async () => {
    expect(await verifyCaptchaToken("forged", turnstile)).toEqual({
      ok: false,
      reason: "rejected",
      detail: "invalid-input-response",
    });
  });

  it("refuses a replayed token", async () => {
    expect(await verifyCaptchaToken("pass-once", hcaptcha)).toEqual({ ok: true });
    expect(await verifyCaptchaToken("pass-once", hcaptcha)).toEqual({
      ok: false,
      reason: "rejected",
      detail: "timeout-or-duplicate",
    });
  });

  it("refuses a token solved on another site (hostname mismatch), whatever the case of ours", async () => {
    expect(await verifyCaptchaToken("pass:evil.example", turnstile)).toMatchObject({
      ok: false,
      reason: "rejected",
      detail: expect.stringContaining("evil.example"),
    });
    expect(await verifyCaptchaToken("pass:NEWS.example", turnstile)).toEqual({ ok: true });
  });

  it("refuses a Turnstile token from a widget with another action", async () => {
    expect(await verifyCaptchaToken("action:login", turnstile)).toMatchObject({
      ok: false,
      reason: "rejected",
    });
    expect(await verifyCaptchaToken("action:checkout", turnstile)).toEqual({ ok: true });
  });

  it("fails closed as unavailable when our secret is wrong (not the reader's fault)", async () => {
    expect(await verifyCaptchaToken("pass-t2", { ...turnstile, secretKey: "stale" })).toMatchObject(
      {
        ok: false,
        reason: "unavailable",
        detail: expect.stringContaining("invalid-input-secret"),
      },
    );
  });

  it("fails closed as unavailable when the provider reports an internal error", async () => {
    expect(await verifyCaptchaToken("internal", turnstile)).toMatchObject({
      ok: false,
      reason: "unavailable",
    });
  });

  it("fails closed within the timeout when the provider does not answer", async () => {
    const started = Date.now();
    expect(await verifyCaptchaToken("slow", turnstile)).toEqual({
      ok: false,
      reason: "unavailable",
      detail: "siteverify timed out",
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("fails closed on a 500, a reply that is not JSON, and JSON of another shape", async () => {
    expect(await verifyCaptchaToken("http-500", hcaptcha)).toEqual({
      ok: false,
      reason: "unavailable",
      detail: "siteverify answered HTTP 500",
    });
    expect(await verifyCaptchaToken("not-json", hcaptcha)).toMatchObject({
      ok: false,
      reason: "unavailable",
    });
    expect(await verifyCaptchaToken("wrong-shape", hcaptcha)).toEqual({
      ok: false,
      reason: "unavailable",
      detail: "siteverify sent an unexpected reply",
    });
  });

  it("fails closed when siteverify cannot be reached at all", async () => {
    const closed = await startSiteverify({ hostname: "news.example" });
    await closed.close();
    expect(await verifyCaptchaToken("pass", { ...turnstile, verifyUrl: closed.url })).toMatchObject(
      {
        ok: false,
        reason: "unavailable",
        detail: expect.stringContaining("ECONNREFUSED"),
      },
    );
  });
});

describe("captchaTokenFrom", () => {
  it("reads the provider's widget field or captchaToken, and nothing else", () => {
    expect(captchaTokenFrom({ "cf-turnstile-response": "t" }, { provider: "turnstile" })).toBe("t");
    expect(captchaTokenFrom({ "h-captcha-response": "h" }, { provider: "hcaptcha" })).toBe("h");
    expect(captchaTokenFrom({ captchaToken: " j " }, { provider: "hcaptcha" })).toBe("j");
    expect(captchaTokenFrom({ "h-captcha-response": "h" }, { provider: "turnstile" })).toBeNull();
    expect(
      captchaTokenFrom(
        { "cf-turnstile-response": "", captchaToken: "   " },
        { provider: "turnstile" },
      ),
    ).toBeNull();
    expect(captchaTokenFrom({ captchaToken: 42 }, { provider: "turnstile" })).toBeNull();
    expect(captchaTokenFrom(null, { provider: "turnstile" })).toBeNull();
    expect(captchaTokenFrom(["t"], { provider: "turnstile" })).toBeNull();
  });
});
