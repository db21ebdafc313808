import { describe, expect, it } from "vitest";
import { guardAuthRequest, invalidCallbackCookies, isValidCallbackUrl } from "./guard-request";

const APP = "http://127.0.0.1:3000";
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${APP}${path}`, { headers });

describe("guardAuthRequest", () => {
  it("lets next-auth's ordinary requests through", () => {
    expect(guardAuthRequest(get("/api/auth/session"), APP)).toBeNull();
    expect(guardAuthRequest(get("/api/auth/callback/email?token=abc&email=a%40b.co&callbackUrl=%2Faccount"), APP)).toBeNull();
    expect(guardAuthRequest(get("/api/auth/error?error=Verification"), APP)).toBeNull();
    const form = new Request(`${APP}/api/auth/signin/email`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40b.co" });
    expect(guardAuthRequest(form, APP)).toBeNull();
    expect(guardAuthRequest(get("/api/auth/session", { cookie: "next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3000%2Faccount" }), APP)).toBeNull();
  });

  it("refuses the client-logger endpoint and bodies that are not forms", () => {
    expect(guardAuthRequest(get("/api/auth/_log"), APP)?.status).toBe(404);
    const json = new Request(`${APP}/api/auth/signin/email`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(guardAuthRequest(json, APP)?.status).toBe(415);
  });

  it("refuses a callbackUrl that is not a web address", () => {
    for (const value of ["javascript:alert(1)", "x", "' OR '1'='1", "%00"]) {
      expect(guardAuthRequest(get(`/api/auth/callback/email?callbackUrl=${encodeURIComponent(value)}`), APP)?.status, value).toBe(400);
    }
  });

  it("clears a planted callback-url cookie and repeats the request without it", () => {
    const response = guardAuthRequest(get("/api/auth/session?x=1", { cookie: "a=b; next-auth.callback-url=x" }), APP)!;
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/api/auth/session?x=1");
    expect(response.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
  });

  it("sends error codes that are not plain words to the generic sign-in error", () => {
    for (const code of ["a\r\nSet-Cookie: x=1", "\u202Egnp", "<script>", ""]) {
      const response = guardAuthRequest(get(`/api/auth/error?error=${encodeURIComponent(code)}`), APP)!;
      expect(response.status, JSON.stringify(code)).toBe(303);
      expect(response.headers.get("location")).toBe(`${APP}/signin?error=Default`);
    }
  });
});

describe("callback URL rules", () => {
  it("match next-auth's", () => {
    expect(isValidCallbackUrl("/account", APP)).toBe(true);
    expect(isValidCallbackUrl("https://elsewhere.example/x", APP)).toBe(true); // next-auth's redirect callback keeps it on our site
    expect(isValidCallbackUrl("javascript:alert(1)", APP)).toBe(false);
    expect(isValidCallbackUrl("account", APP)).toBe(false);
    expect(invalidCallbackCookies("next-auth.callback-url=%2Faccount; __Secure-next-auth.callback-url=junk", APP)).toEqual(["__Secure-next-auth.callback-url"]);
  });
});
