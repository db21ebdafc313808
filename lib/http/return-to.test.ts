import { describe, expect, it } from "vitest";
import { parseReturnTo, returnUrl } from "./return-to";

const policy = { appUrl: "https://news.example", embedOrigins: ["https://host.example"] };

describe("parseReturnTo", () => {
  it("keeps a path on our site, with its query, without its fragment", () => {
    expect(parseReturnTo("/demo/article?x=1#top", policy)).toEqual({
      kind: "path",
      path: "/demo/article?x=1",
    });
    expect(parseReturnTo("https://news.example/story/1", policy)).toEqual({
      kind: "path",
      path: "/story/1",
    });
  });

  it("keeps a page on a configured host site, and any with '*'", () => {
    expect(parseReturnTo("https://host.example/a?b=c#d", policy)).toEqual({
      kind: "host",
      url: "https://host.example/a?b=c",
    });
    expect(parseReturnTo("https://other.example/a", { ...policy, embedOrigins: "*" })).toEqual({
      kind: "host",
      url: "https://other.example/a",
    });
  });

  it.each([
    ["another site", "https://evil.example/"],
    ["protocol-relative", "//evil.example/"],
    ["backslash", "/\\evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,hi"],
    ["credentials", "https://user:pw@host.example/"],
    ["a relative path", "demo/article"],
    ["whitespace", "/demo article"],
    ["too long", `/${"a".repeat(1000)}`],
    ["not a string", 42],
  ])("drops %s", (_name, value) => {
    expect(parseReturnTo(value, policy)).toBeNull();
  });
});

describe("returnUrl", () => {
  it("sets parameters and a fragment on the way back", () => {
    const to = parseReturnTo("/demo/article?x=1", policy)!;
    expect(returnUrl(to, policy.appUrl, { cancelled: "1" }, "ask").toString()).toBe(
      "https://news.example/demo/article?x=1&cancelled=1#ask",
    );
  });
});
