import { describe, expect, it } from "vitest";
import {
  guardAuthRequest as guard,
  invalidCallbackCookies,
  isValidCallbackUrl,
} from "./guard-request";
import { csrfCookieName, issueCsrfToken } from "./signin-csrf";

const APP = "http://127.0.0.1:3000";
const SECRET = "s".repeat(32);
const guardAuthRequest = (request: Request, appUrl: string) => guard(request, appUrl, SECRET);
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${APP}${path}`, { headers });

describe("guardAuthRequest", () => {
  it("lets next-auth's ordinary requests through", async () => {
    expect(await guardAuthRequest(get("/api/auth/session"), APP)).toBeNull();
    expect(
      await guardAuthRequest(get("/api/auth/callback/google?code=abc&state=x"), APP),
    ).toBeNull();
    expect(await guardAuthRequest(get("/api/auth/error?error=Verification"), APP)).toBeNull();
    const form = new Request(`${APP}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.co",
    });
    expect(await guardAuthRequest(form, APP)).toBeNull();
    expect(
      await guardAuthRequest(
        get("/api/auth/session", {
          cookie: "next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3000%2Faccount",
        }),
        APP,
      ),
    ).toBeNull();
  });

  it("refuses the client-logger endpoint and bodies that are not forms", async () => {
    expect((await guardAuthRequest(get("/api/auth/_log"), APP))?.status).toBe(404);
    const json = new Request(`${APP}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect((await guardAuthRequest(json, APP))?.status).toBe(415);
  });

  it("refuses a callbackUrl that is not a web address", async () => {
    for (const value of ["javascript:alert(1)", "x", "' OR '1'='1", "%00"]) {
      expect(
        (
          await guardAuthRequest(
            get(`/api/auth/callback/email?callbackUrl=${encodeURIComponent(value)}`),
            APP,
          )
        )?.status,
        value,
      ).toBe(400);
    }
  });

  it("clears a planted callback-url cookie and repeats the request without it", async () => {
    const response = (await guardAuthRequest(
      get("/api/auth/session?x=1", { cookie: "a=b; next-auth.callback-url=x" }),
      APP,
    ))!;
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/api/auth/session?x=1");
    expect(response.headers.get("set-cookie")).toMatch(
      /^next-auth\.callback-url=; Path=\/; Max-Age=0/,
    );
  });

  it("sends error codes that are not plain words to the generic sign-in error", async () => {
    for (const code of ["a\r\nSet-Cookie: x=1", "\u202Egnp", "<script>", ""]) {
      const response = (await guardAuthRequest(
        get(`/api/auth/error?error=${encodeURIComponent(code)}`),
        APP,
      ))!;
      expect(response.status, JSON.stringify(code)).toBe(303);
      expect(response.headers.get("location")).toBe(`${APP}/signin?error=Default`);
    }
  });
});

describe("the magic link's callback", () => {
  const link =
    "/api/auth/callback/email?token=attackerstoken1234&email=attacker%40evil.example&callbackUrl=%2Faccount";
  const cookieName = csrfCookieName(false);
  const post = (headers: Record<string, string>, body: string) =>
    new Request(`${APP}${link}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("does not sign in on a GET: it shows the confirmation page (built from APP_URL)", async () => {
    const response = (await guardAuthRequest(
      new Request(`http://internal-host:8080${link}`, {
        headers: { "sec-fetch-site": "cross-site" },
      }),
      APP,
    ))!;
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `${APP}/signin/confirm?token=attackerstoken1234&email=attacker%40evil.example&callbackUrl=%2Faccount`,
    );
  });

  it("signs in on a POST from our page with the CSRF token of the browser's cookie", async () => {
    const { token, cookie } = issueCsrfToken(null, SECRET);
    expect(
      await guardAuthRequest(
        post(
          { origin: APP, cookie: `${cookieName}=${encodeURIComponent(cookie!)}` },
          `csrfToken=${token}&callbackUrl=%2Faccount`,
        ),
        APP,
      ),
    ).toBeNull();
  });

  it("refuses a POST from another site, even one carrying a valid token", async () => {
    const { token, cookie } = issueCsrfToken(null, SECRET);
    const response = (await guardAuthRequest(
      post(
        { origin: "https://evil.example", cookie: `${cookieName}=${cookie}` },
        `csrfToken=${token}`,
      ),
      APP,
    ))!;
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(
      (
        await guardAuthRequest(
          post(
            { "sec-fetch-site": "cross-site", cookie: `${cookieName}=${cookie}` },
            `csrfToken=${token}`,
          ),
          APP,
        )
      )?.status,
    ).toBe(403);
  });

  it("sends a POST without the matching token back to the confirmation page", async () => {
    const { token, cookie } = issueCsrfToken(null, SECRET);
    const forged = issueCsrfToken(null, "another-secret".repeat(3));
    const cases: Array<[string, Record<string, string>, string]> = [
      ["no token", { origin: APP, cookie: `${cookieName}=${cookie}` }, ""],
      ["no cookie", { origin: APP }, `csrfToken=${token}`],
      [
        "another token",
        { origin: APP, cookie: `${cookieName}=${cookie}` },
        `csrfToken=${"0".repeat(64)}`,
      ],
      [
        "a cookie not made with our secret",
        { origin: APP, cookie: `${cookieName}=${forged.cookie}` },
        `csrfToken=${forged.token}`,
      ],
    ];
    for (const [label, headers, body] of cases) {
      const response = (await guardAuthRequest(post(headers, body), APP))!;
      expect(response?.status, label).toBe(303);
      expect(response.headers.get("location"), label).toMatch(
        /\/signin\/confirm\?token=attackerstoken1234/,
      );
    }
    expect(
      (await guardAuthRequest(post({ origin: APP }, `csrfToken=${"x".repeat(5000)}`), APP))?.status,
    ).toBe(413);
  });
});

describe("callback URL rules", () => {
  it("match next-auth's", () => {
    expect(isValidCallbackUrl("/account", APP)).toBe(true);
    expect(isValidCallbackUrl("https://elsewhere.example/x", APP)).toBe(true); // next-auth's redirect callback keeps it on our site
    expect(isValidCallbackUrl("javascript:alert(1)", APP)).toBe(false);
    expect(isValidCallbackUrl("account", APP)).toBe(false);
    expect(
      invalidCallbackCookies(
        "next-auth.callback-url=%2Faccount; __Secure-next-auth.callback-url=junk",
        APP,
      ),
    ).toEqual(["__Secure-next-auth.callback-url"]);
  });
});
