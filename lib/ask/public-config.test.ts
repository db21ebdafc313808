import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { FREQUENCIES } from "./amounts";
import { publicAskConfig } from "./public-config";
import { defaultAskSettings } from "./settings";

describe("publicAskConfig", () => {
  const published = { version: 3, settings: defaultAskSettings() };
  const config = publicAskConfig(published, "en");

  it("gives the embed absolute URLs to post to from any host page", () => {
    expect(new URL(config.checkoutUrl).pathname).toBe("/api/checkout");
    expect(config.checkoutMethod).toBe("post");
    expect(new URL(config.remindLaterUrl).pathname).toBe("/api/ask/remind-later");
  });

  it("sends Continue to /support (GET, where the CAPTCHA widget runs) when a CAPTCHA is enabled, without its secret", () => {
    const withCaptcha = publicAskConfig(
      published,
      "en",
      parseEnv({
        NODE_ENV: "test",
        DEMO_MODE: "1",
        APP_URL: "https://give.example",
        CAPTCHA_PROVIDER: "turnstile",
        CAPTCHA_SITE_KEY: "site-key",
        CAPTCHA_SECRET_KEY: "very-private",
      }),
    );
    expect(withCaptcha.checkoutUrl).toBe("https://give.example/support");
    expect(withCaptcha.checkoutMethod).toBe("get");
    expect(JSON.stringify(withCaptcha)).not.toContain("very-private");
  });

  it("has presets, a default and limits for every offered currency and frequency, defaults inside the limits", () => {
    expect(config.currencies).toEqual(["USD", "EUR", "GBP"]);
    expect(Object.keys(config.amounts)).toEqual(["USD", "EUR", "GBP"]);
    for (const currency of config.currencies) {
      for (const frequency of FREQUENCIES) {
        const { presets, defaultAmount, min, max } = config.amounts[currency]![frequency];
        expect(presets.length).toBeGreaterThan(0);
        expect(presets).toContain(defaultAmount);
        for (const amount of presets) expect(amount >= min && amount <= max).toBe(true);
      }
    }
    expect(config.frequencies.map((f) => f.id)).toEqual([...FREQUENCIES]);
    expect(config.remindLaterChoices.map((d) => d.id)).toContain(config.defaultRemindLater);
  });

  it("names its version and speaks the reader's language, placeholders filled", () => {
    expect(config.version).toBe(3);
    const russian = publicAskConfig(published, "ru");
    expect(russian.locale).toBe("ru");
    expect(russian.copy.remindAction).toBe("Напомнить позже");
    expect(russian.remindLaterChoices.map((c) => c.label)).toEqual([
      "Завтра",
      "Через неделю",
      "Через месяц",
    ]);
    expect(config.copy.heading).toBe(`A Message from ${config.publication}`);
    expect(config.copy.appeal[0]).toBe("Dear readers,");
  });

  it("is public: nothing about the reader or the server's secrets", () => {
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/secret|whsec_|sk_|DATABASE|rr_reader/i);
    expect(JSON.parse(text)).toEqual(config);
  });
});
