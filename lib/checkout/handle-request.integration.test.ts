import { describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { handleCheckoutRequest as handle } from "./handle-request";
import { db } from "../db";

/** POST /api/checkout as the quick start runs it (no CAPTCHA_* set), against real PostgreSQL and the emulator. */

// Every request here comes from one address without a reader cookie: the limits are tested in abuse.integration.test.ts.
const backends = setUpTestBackends({
  emulator: true,
  env: {
    CAPTCHA_PROVIDER: undefined,
    CAPTCHA_SITE_KEY: undefined,
    CAPTCHA_SECRET_KEY: undefined,
    CAPTCHA_VERIFY_URL: undefined,
    APP_URL: "http://127.0.0.1:3000",
    RATE_LIMIT_CHECKOUT_PER_READER: "100",
  },
});
const attempts = () => db.checkoutAttempt.count();
const funnelCheckouts = async () =>
  (await db.askDailyStat.aggregate({ _sum: { checkouts: true } }))._sum.checkouts ?? 0;

const choice = { frequency: "MONTHLY", currency: "EUR", amount: "1000" };

function post(contentType: string, body: string, userAgent?: string) {
  return handle(
    new Request("http://127.0.0.1:3000/api/checkout", {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-forwarded-for": "192.0.2.10",
        origin: "http://127.0.0.1:3000",
        ...(userAgent ? { "user-agent": userAgent } : {}),
      },
      body,
    }),
  );
}

describe("checkout creation with the CAPTCHA off (the default)", () => {
  it("creates a checkout from JSON without any token", async () => {
    const response = await post("application/json", JSON.stringify(choice));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toContain(backends.emulator.url);
    expect(await attempts()).toBe(1);
  });

  it("sends a plain form post to Checkout, and ignores any token fields", async () => {
    const response = await post(
      "application/x-www-form-urlencoded",
      new URLSearchParams({
        ...choice,
        "cf-turnstile-response": "junk",
        captchaToken: "junk",
      }).toString(),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(backends.emulator.url);
    expect(await attempts()).toBe(2);
  });

  it("still answers a bad choice with field errors and no row", async () => {
    const response = await post(
      "application/json",
      JSON.stringify({ ...choice, frequency: "WEEKLY" }),
    );
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { error: { code: string; fields: object } }).error,
    ).toMatchObject({ code: "invalid_input", fields: { frequency: expect.any(String) } });
    expect(await attempts()).toBe(2);
  });
});

describe("the funnel's checkout count", () => {
  const READER =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

  it("counts a reader's browser, not a script: the script's attempt is still stored for staff", async () => {
    const [rows, counted] = [await attempts(), await funnelCheckouts()];
    expect((await post("application/json", JSON.stringify(choice), READER)).status).toBe(200);
    expect(await funnelCheckouts()).toBe(counted + 1);
    for (const agent of ["python-requests/2.32.3", "curl/8.5.0", undefined]) {
      expect((await post("application/json", JSON.stringify(choice), agent)).status).toBe(200);
    }
    expect(await funnelCheckouts()).toBe(counted + 1);
    expect(await attempts()).toBe(rows + 4);
  });
});
