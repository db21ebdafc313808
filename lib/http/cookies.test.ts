import { afterEach, describe, expect, it, vi } from "vitest";
import { readCookie, setCookie } from "./cookies";

afterEach(() => vi.useRealTimers());

describe("cookies on plain Request/Response (as Next's request.cookies and response.cookies.set)", () => {
  it("reads the last pair of a name, URI-decoded, skipping values that do not decode", () => {
    const request = new Request("http://x/", {
      headers: { cookie: "a=1; rr_reader=x%2Fy; bad=%E0%A4%A; rr_reader=z; flag" },
    });
    expect(readCookie(request, "a")).toBe("1");
    expect(readCookie(request, "rr_reader")).toBe("z");
    expect(readCookie(request, "bad")).toBeUndefined();
    expect(readCookie(request, "flag")).toBe("true");
    expect(readCookie(new Request("http://x/"), "a")).toBeUndefined();
  });

  it("writes Next's Set-Cookie (Expires from Max-Age, attributes in its order) and replaces a same-name one", () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const response = Response.json({});
    setCookie(response, "other", "1", {});
    setCookie(response, "rr_reader_x", "old", { maxAge: 10 });
    setCookie(response, "rr_reader_x", "v1.a/+=", {
      httpOnly: true,
      secure: true,
      sameSite: "none",
      partitioned: true,
      path: "/",
      maxAge: 60,
    });
    expect(response.headers.getSetCookie()).toEqual([
      "other=1; Path=/",
      "rr_reader_x=v1.a%2F%2B%3D; Path=/; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Max-Age=60; Secure; HttpOnly; SameSite=none; Partitioned",
    ]);
  });
});
