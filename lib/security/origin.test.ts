import { describe, expect, it } from "vitest";
import { originVerdict, type OriginPolicy } from "./origin";

const policy: OriginPolicy = { appOrigin: "https://give.example.org" };
const headers = (h: Record<string, string>) => new Headers({ host: "give.example.org", ...h });
const ok = (method: string, h: Record<string, string>, p: OriginPolicy = policy) =>
  originVerdict(method, headers(h), p).ok;

describe("originVerdict", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"])
      expect(ok(method, { origin: "https://evil.example" })).toBe(true);
  });

  it("accepts state changes from our own origin, by APP_URL or by the Host the browser sent", () => {
    expect(ok("POST", { origin: "https://give.example.org" })).toBe(true);
    // Behind a proxy APP_URL may differ from the address a test or an internal client uses.
    expect(ok("POST", { origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100" })).toBe(true);
    expect(
      ok("PUT", {
        origin: "https://give.example.org",
        host: "internal:3000",
        "x-forwarded-host": "give.example.org",
      }),
    ).toBe(true);
  });

  it("refuses POST, PUT, PATCH and DELETE from other sites", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(ok(method, { origin: "https://evil.example" })).toBe(false);
    }
    // Look-alikes: another port, a subdomain, a suffix, another scheme on another host.
    expect(ok("POST", { origin: "https://give.example.org:8443" })).toBe(false);
    expect(ok("POST", { origin: "https://evil.give.example.org" })).toBe(false);
    expect(ok("POST", { origin: "https://give.example.org.evil.example" })).toBe(false);
  });

  it("refuses opaque and malformed origins", () => {
    for (const origin of [
      "null",
      "give.example.org",
      "https://give.example.org/",
      "https://give.example.org/path",
      "javascript:alert(1)",
      "",
      "https://GIVE.example.org",
    ]) {
      expect(ok("POST", { origin }), origin).toBe(false);
    }
  });

  it("without Origin, refuses what Sec-Fetch-Site calls cross-site, and lets non-browser clients through", () => {
    expect(ok("POST", { "sec-fetch-site": "cross-site" })).toBe(false);
    expect(ok("POST", { "sec-fetch-site": "same-site" })).toBe(false);
    expect(ok("POST", { "sec-fetch-site": "same-origin" })).toBe(true);
    expect(ok("POST", { "sec-fetch-site": "none" })).toBe(true);
    expect(ok("POST", {})).toBe(true);
  });

  it("accepts the extra origins an endpoint allows (the embed's host sites), and only those", () => {
    const embed: OriginPolicy = { ...policy, alsoAllow: ["https://news.example"] };
    expect(ok("POST", { origin: "https://news.example" }, embed)).toBe(true);
    expect(ok("POST", { origin: "https://news.example.evil" }, embed)).toBe(false);
    expect(ok("POST", { origin: "https://evil.example" }, { ...policy, alsoAllow: "*" })).toBe(
      true,
    );
    // Even "any embed origin" is not an opaque origin.
    expect(ok("POST", { origin: "null" }, { ...policy, alsoAllow: "*" })).toBe(false);
  });
});
