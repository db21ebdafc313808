import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "./locale";
import { CLIENT_NAMESPACES, clientMessages, messagesFor, translator } from "./messages";

/** "signIn.form.email", … : every leaf key of a messages file. */
function keysOf(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) =>
    keysOf(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe("the message files", () => {
  const english = keysOf(messagesFor("en")).sort();

  it.each(SUPPORTED_LOCALES.filter((l) => l !== "en"))(
    "%s has exactly the English keys (a missing or stray translation fails here)",
    (locale) => {
      expect(keysOf(messagesFor(locale)).sort()).toEqual(english);
    },
  );

  it.each(SUPPORTED_LOCALES)("%s has no empty message", (locale) => {
    const empty = keysOf(messagesFor(locale)).filter((key) => {
      const value = key
        .split(".")
        .reduce<unknown>((node, part) => (node as never)[part], messagesFor(locale));
      return typeof value !== "string" || value.trim() === "";
    });
    expect(empty).toEqual([]);
  });
});

describe("Russian plurals", () => {
  it("count articles as статья / статьи / статей", () => {
    const t = createTranslator({ locale: "ru", messages: messagesFor("ru"), namespace: "ask" });
    expect([1, 3, 5, 21, 22, 25].map((count) => t("articlesRead", { count }))).toEqual([
      "1 статья",
      "3 статьи",
      "5 статей",
      "21 статья",
      "22 статьи",
      "25 статей",
    ]);
  });

  it("count minutes in the sign-in page's retry hint", () => {
    const t = translator("ru", "signIn");
    expect(t("retryIn", { minutes: 1 })).toMatch(/1 минуту\.$/);
    expect(t("retryIn", { minutes: 2 })).toMatch(/2 минуты\.$/);
    expect(t("retryIn", { minutes: 5 })).toMatch(/5 минут\.$/);
  });

  it("in English, one and other", () => {
    const t = translator("en", "ask");
    expect(t("articlesRead", { count: 1 })).toBe("1 article");
    expect(t("articlesRead", { count: 12 })).toBe("12 articles");
  });
});

describe("a translator outside React", () => {
  it("falls back to English for a locale we do not have", () => {
    expect(translator("de", "layout")("skipToContent")).toBe("Skip to content");
    expect(translator(undefined, "layout")("skipToContent")).toBe("Skip to content");
  });

  it("throws on a message that is missing rather than showing its key to a reader", () => {
    const t = translator("en", "layout");
    expect(() => t("nope" as never)).toThrow();
  });
});

describe("the messages sent to the browser", () => {
  it("are only the namespaces client components read", () => {
    expect(Object.keys(clientMessages("ru")).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(clientMessages("ru").signIn).toBe(messagesFor("ru").signIn);
    expect(JSON.stringify(clientMessages("en"))).not.toContain("Demo — no real payments");
  });
});
