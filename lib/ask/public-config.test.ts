import { describe, expect, it } from "vitest";
import { CURRENCIES, FREQUENCIES } from "../support/amounts";
import { publicAskConfig } from "./public-config";

describe("publicAskConfig", () => {
  const config = publicAskConfig();

  it("gives the embed absolute URLs to post to from any host page", () => {
    expect(new URL(config.checkoutUrl).pathname).toBe("/api/checkout");
    expect(new URL(config.deferUrl).pathname).toBe("/api/ask/defer");
  });

  it("has presets, a default and limits for every currency and frequency, defaults inside the limits", () => {
    for (const currency of CURRENCIES) {
      for (const frequency of FREQUENCIES) {
        const { presets, defaultAmount, min, max } = config.amounts[currency][frequency];
        expect(presets.length).toBeGreaterThan(0);
        expect(presets).toContain(defaultAmount);
        for (const amount of presets) expect(amount >= min && amount <= max).toBe(true);
      }
    }
    expect(config.frequencies.map((f) => f.id)).toEqual([...FREQUENCIES]);
    expect(config.deferrals.map((d) => d.id)).toContain(config.defaultDeferral);
  });

  it("is public: nothing about the reader or the server's secrets", () => {
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/secret|whsec_|sk_|DATABASE|rr_reader/i);
    expect(JSON.parse(text)).toEqual(config);
  });
});
