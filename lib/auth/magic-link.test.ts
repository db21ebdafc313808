import { describe, expect, it } from "vitest";
import { confirmationParams, confirmationUrl, safeCallbackPath, signInMail } from "./magic-link";

const APP = "https://news.example";

describe("magic links", () => {
  it("point at the confirmation page, not at next-auth's callback that spends the token", () => {
    const next = `${APP}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${APP}/account`)}&token=abcdef0123456789abcdef&email=ada%40example.com`;
    const url = new URL(confirmationUrl(APP, next));
    expect(url.origin + url.pathname).toBe(`${APP}/signin/confirm`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: "abcdef0123456789abcdef",
      email: "ada@example.com",
      callbackUrl: `${APP}/account`,
    });
    expect(confirmationParams.safeParse(Object.fromEntries(url.searchParams)).success).toBe(true);
  });

  it("only send a reader back to this site after sign-in", () => {
    expect(safeCallbackPath(`${APP}/dashboard?x=1`, APP)).toBe("/dashboard?x=1");
    expect(safeCallbackPath("/account", APP)).toBe("/account");
    expect(safeCallbackPath("https://evil.example/account", APP)).toBe("/account");
    expect(safeCallbackPath("//evil.example/x", APP)).toBe("/account");
    expect(safeCallbackPath(undefined, APP, "/dashboard")).toBe("/dashboard");
  });

  it("send a working link only to known addresses", () => {
    expect(
      signInMail({
        to: "a@example.com",
        url: `${APP}/signin/confirm?token=t`,
        publication: "P",
        known: true,
      }).text,
    ).toContain("/signin/confirm?token=t");
    const unknown = signInMail({
      to: "a@example.com",
      url: `${APP}/signin/confirm?token=t`,
      publication: "P",
      known: false,
    });
    expect(unknown.text).not.toContain("token");
    expect(unknown.html).not.toContain("token");
  });
});
