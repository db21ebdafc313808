import { describe, expect, it } from "vitest";
import { encodeReaderState, FIRST_PARTY_COOKIE, newReaderState } from "../ask/reader-state";
import { setUpTestBackends } from "@/test/db/test-backends";
import { handleCheckoutRequest as handle } from "./handle-request";
import { db } from "../db";

/**
 * POST /api/checkout against card testers: per-address limits that a rotating IPv6 /64 cannot multiply, a
 * budget for browsers without a reader cookie, a global ceiling per minute, known surfaces only, and form posts
 * that come back to the ask with a message instead of a JSON page.
 */
const APP = "http://127.0.0.1:3000";
const GLOBAL = 8;
let created = 0;

setUpTestBackends({
  emulator: true,
  env: {
    CAPTCHA_PROVIDER: undefined,
    REDIS_URL: undefined,
    TRUST_PROXY: undefined,
    APP_URL: APP,
    RATE_LIMIT_CHECKOUT_PER_IP: "3",
    RATE_LIMIT_CHECKOUT_PER_READER: "2",
    RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE: String(GLOBAL),
    RATE_LIMIT_WINDOW_SECONDS: "600",
  },
});
const attempts = () => db.checkoutAttempt.count();

const choice = { frequency: "ONCE", currency: "USD", amount: "2500" };
const freshCookie = () =>
  `${FIRST_PARTY_COOKIE}=${encodeReaderState(newReaderState(), process.env.ASK_COOKIE_SECRET!)}`;

async function post(
  address: string,
  options: { cookie?: string; form?: boolean; body?: Record<string, string> } = {},
): Promise<Response> {
  const body = options.body ?? choice;
  const response = await handle(
    new Request(`${APP}/api/checkout`, {
      method: "POST",
      headers: {
        "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
        "x-forwarded-for": address,
        origin: APP,
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: options.form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    }),
  );
  if (
    response.status === 200 ||
    (response.status === 303 && !response.headers.get("location")!.startsWith(APP))
  )
    created++;
  return response;
}

describe("checkout limits", () => {
  it("a browser without a reader cookie still spends a budget: this address's fresh browsers share one", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post("192.0.2.60")).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await post("192.0.2.60");
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/try again in about 10 minutes/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
  });

  it("counts an IPv6 /64 as one address, however many of its addresses (and cookies) are used", async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i++)
      statuses.push((await post(`2001:db8:aa:bb::${i}`, { cookie: freshCookie() })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await post("2001:db8:aa:bc::1", { cookie: freshCookie() })).status).toBe(200);
  });

  it("sends a limited form post back to the ask with the choice kept and when to try again", async () => {
    for (let i = 0; i < 2; i++)
      expect((await post("192.0.2.61", { cookie: undefined })).status).toBe(200);
    const rows = await attempts();
    const response = await post("192.0.2.61", {
      form: true,
      body: { ...choice, surface: "embed", variant: "default" },
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(`${APP}/support`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      ...choice,
      surface: "embed",
    });
    expect(Number(location.searchParams.get("limited"))).toBeGreaterThan(500);
    expect(await attempts()).toBe(rows);
  });

  it("accepts only the ask's own surfaces: free text is a 400 (JSON) or back to the form (no JS), and no row", async () => {
    const rows = await attempts();
    const json = await post("192.0.2.62", {
      cookie: freshCookie(),
      body: { ...choice, surface: "call-0800-scam-line" },
    });
    expect(json.status).toBe(400);
    expect(
      ((await json.json()) as { error: { code: string; fields: object } }).error,
    ).toMatchObject({ code: "invalid_input", fields: { amount: "Unknown surface." } });
    const form = await post("192.0.2.62", {
      cookie: freshCookie(),
      form: true,
      body: { ...choice, surface: "call-0800-scam-line" },
    });
    expect(form.status).toBe(303);
    expect(new URL(form.headers.get("location")!).searchParams.get("invalid")).toBe("1");
    expect(await attempts()).toBe(rows);
  });

  it("stops all checkout creation past the global ceiling per minute (the card-testing circuit breaker)", async () => {
    const statuses: number[] = [];
    for (let i = 0; created < GLOBAL && i < 20; i++)
      statuses.push((await post(`198.51.100.${i + 1}`, { cookie: freshCookie() })).status);
    expect(created).toBe(GLOBAL);
    const refused = await post("203.0.113.200", { cookie: freshCookie() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
