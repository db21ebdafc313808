import { describe, expect, it } from "vitest";
import { parseForm } from "./form";
import { periodBoundary } from "./time";

describe("parseForm (Stripe's bracket encoding)", () => {
  it("nests hashes and indexed arrays", () => {
    const form = parseForm(
      "mode=subscription&line_items[0][quantity]=1&line_items[0][price_data][recurring][interval]=month" +
        "&line_items[1][quantity]=2&metadata[plan]=gold&expand[]=customer&expand[]=invoice&success_url=http%3A%2F%2Fx%2F%3Fid%3D%7BCHECKOUT_SESSION_ID%7D",
    );
    expect(form).toEqual({
      mode: "subscription",
      line_items: [
        { quantity: "1", price_data: { recurring: { interval: "month" } } },
        { quantity: "2" },
      ],
      metadata: { plan: "gold" },
      expand: ["customer", "invoice"],
      success_url: "http://x/?id={CHECKOUT_SESSION_ID}",
    });
  });

  it("keeps empty values (Stripe's way to unset) and ignores prototype keys", () => {
    const form = parseForm("metadata[a]=&description=&__proto__[x]=1&metadata[constructor]=y");
    expect(form).toEqual({ metadata: { a: "" }, description: "" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("periodBoundary", () => {
  it("counts months from the anchor, clamping to the month's last day", () => {
    const jan31 = Date.UTC(2025, 0, 31, 12) / 1000;
    const day = (cycles: number) =>
      new Date(periodBoundary(jan31, "month", 1, cycles) * 1000).toISOString().slice(0, 10);
    expect([day(1), day(2), day(13)]).toEqual(["2025-02-28", "2025-03-31", "2026-02-28"]);
    expect(new Date(periodBoundary(jan31, "year", 1, 1) * 1000).toISOString().slice(0, 10)).toBe(
      "2026-01-31",
    );
    expect(periodBoundary(jan31, "week", 2, 1) - jan31).toBe(14 * 86_400);
  });
});
