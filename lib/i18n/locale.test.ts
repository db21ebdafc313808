import { describe, expect, it } from "vitest";
import {
  fixedPageLocale,
  isLocale,
  localeOfRequest,
  negotiateLocale,
  supportedLocaleOf,
  SUPPORTED_LOCALES,
} from "./locale";

describe("the reader's locale", () => {
  it("is English when nothing says otherwise", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ explicit: null, acceptLanguage: "" })).toBe("en");
  });

  it("follows Accept-Language, region or not", () => {
    expect(negotiateLocale({ acceptLanguage: "ru" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
  });

  it("takes the reader's first supported language by quality, not by order in the header", () => {
    expect(negotiateLocale({ acceptLanguage: "en;q=0.5,ru;q=0.9" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "de-DE,de;q=0.9,ru;q=0.8,en;q=0.7" })).toBe("ru");
    expect(negotiateLocale({ acceptLanguage: "de,fr;q=0.9" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("en");
  });

  it("puts an explicit choice before the browser's", () => {
    expect(negotiateLocale({ explicit: "ru", acceptLanguage: "en-US" })).toBe("ru");
    expect(negotiateLocale({ explicit: "en", acceptLanguage: "ru" })).toBe("en");
    expect(negotiateLocale({ explicit: "ru-RU", acceptLanguage: "en" })).toBe("ru");
  });

  it("ignores a choice or header that names no supported language, or is not a language at all", () => {
    expect(negotiateLocale({ explicit: "de", acceptLanguage: "ru" })).toBe("ru");
    expect(negotiateLocale({ explicit: "<script>", acceptLanguage: "ru" })).toBe("ru");
    expect(negotiateLocale({ explicit: "x".repeat(5000) })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: ";;;,q=,--" })).toBe("en");
  });

  it("maps codes as pages write them to a supported locale", () => {
    expect(supportedLocaleOf("RU")).toBe("ru");
    expect(supportedLocaleOf("ru_RU")).toBe("ru");
    expect(supportedLocaleOf("en-US")).toBe("en");
    expect(supportedLocaleOf("uk")).toBeNull();
    expect(supportedLocaleOf("")).toBeNull();
    expect(supportedLocaleOf(42)).toBeNull();
  });

  it("accepts exactly the supported codes as locales", () => {
    for (const locale of SUPPORTED_LOCALES) expect(isLocale(locale)).toBe(true);
    expect(isLocale("ru-RU")).toBe(false);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("pages in one language", () => {
  it("keeps the staff dashboard and the dev mailbox in English, and leaves readers' pages to the reader", () => {
    expect(fixedPageLocale("/dashboard")).toBe("en");
    expect(fixedPageLocale("/dashboard/supporters/1")).toBe("en");
    expect(fixedPageLocale("/dev/mailbox")).toBe("en");
    expect(fixedPageLocale("/account")).toBeNull();
    expect(fixedPageLocale("/signin")).toBeNull();
    expect(fixedPageLocale("/dashboards-are-not-this")).toBeNull();
  });
});

describe("a request's locale", () => {
  const request = (headers: Record<string, string>) => new Headers(headers);
  it("reads the locale cookie first, then Accept-Language", () => {
    expect(
      localeOfRequest(request({ cookie: "a=1; locale=ru; b=2", "accept-language": "en" })),
    ).toBe("ru");
    expect(localeOfRequest(request({ cookie: "mylocale=ru", "accept-language": "en" }))).toBe("en");
    expect(localeOfRequest(request({ "accept-language": "ru-RU,ru;q=0.9" }))).toBe("ru");
    expect(localeOfRequest(request({}))).toBe("en");
  });
});
