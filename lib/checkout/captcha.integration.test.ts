import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSiteverify } from "@/test/captcha/test-siteverify";
import { setUpTestBackends } from "@/test/db/test-backends";
import { handleCheckoutRequest as handle } from "./handle-request";
import { db } from "../db";

/** POST /api/checkout with CAPTCHA_PROVIDER=turnstile, against real PostgreSQL, the Stripe emulator and a local siteverify. */
let siteverify: Awaited<ReturnType<typeof startSiteverify>>;

beforeAll(async () => {
  siteverify = await startSiteverify({ hostname: "127.0.0.1" });
});
afterAll(async () => {
  await siteverify?.close();
});
const backends = setUpTestBackends({
  emulator: true,
  env: () => ({
    APP_URL: "http://127.0.0.1:3000",
    RATE_LIMIT_CHECKOUT_PER_IP: "3",
    CAPTCHA_PROVIDER: "turnstile",
    CAPTCHA_SITE_KEY: "0x4AAAAAAA-test-site-key",
    CAPTCHA_SECRET_KEY: "secret",
    CAPTCHA_VERIFY_URL: siteverify.url,
  }),
});
const attempts = () => db.checkoutAttempt.count();

const choice = { frequency: "ONCE", currency: "USD", amount: "2500" };
let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;

function postJson(body: Record<string, unknown>, ip = freshIp()) {
  return handle(
    new Request("http://127.0.0.1:3000/api/checkout", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
}

function postForm(fields: Record<string, string>, ip = freshIp()) {
  return handle(
    new Request("http://127.0.0.1:3000/api/checkout", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": ip,
        origin: "http://127.0.0.1:3000",
      },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

describe("checkout creation with a CAPTCHA", () => {
  it("refuses a JSON request without a token with 400 and a captcha field error, creating nothing and asking no one", async () => {
    const [rows, calls] = [await attempts(), siteverify.calls.length];
    const response = await postJson(choice);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; fields: { captcha?: string } };
    };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.fields.captcha).toMatch(/not a robot/);
    expect(await attempts()).toBe(rows);
    expect(siteverify.calls.length).toBe(calls);
  });

  it("refuses a token the provider rejects with 400, creating nothing", async () => {
    const rows = await attempts();
    const response = await postJson({ ...choice, captchaToken: "forged" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      "captcha",
    );
    expect(await attempts()).toBe(rows);
    expect(siteverify.calls.at(-1)!.form).toMatchObject({ secret: "secret", response: "forged" });
  });

  it("refuses a token solved on another site", async () => {
    const rows = await attempts();
    expect((await postJson({ ...choice, captchaToken: "pass:card-testers.example" })).status).toBe(
      400,
    );
    expect(await attempts()).toBe(rows);
  });

  it("creates the checkout for a good token (JSON captchaToken), once: the token cannot be replayed", async () => {
    const rows = await attempts();
    const ip = freshIp();
    const response = await postJson({ ...choice, captchaToken: "pass-json" }, ip);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toContain(backends.emulator.url);
    expect(await attempts()).toBe(rows + 1);
    expect(siteverify.calls.at(-1)!.form.remoteip).toBe(ip);
    expect((await postJson({ ...choice, captchaToken: "pass-json" })).status).toBe(400);
    expect(await attempts()).toBe(rows + 1);
  });

  it("takes the widget's own field from a plain form post and goes on to Checkout", async () => {
    const rows = await attempts();
    const response = await postForm({ ...choice, "cf-turnstile-response": "pass-form" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(backends.emulator.url);
    expect(await attempts()).toBe(rows + 1);
  });

  it("sends a form post without a token back to /support with the choice kept and captcha=1", async () => {
    const rows = await attempts();
    const response = await postForm({ ...choice, surface: "embed" });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/support");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      ...choice,
      surface: "embed",
      captcha: "1",
    });
    expect(await attempts()).toBe(rows);
  });

  it("fails closed when the provider cannot answer: 503 for JSON, back to the form with captcha=unavailable", async () => {
    const rows = await attempts();
    const json = await postJson({ ...choice, captchaToken: "http-500" });
    expect(json.status).toBe(503);
    expect(
      ((await json.json()) as { error: { code: string; message: string } }).error,
    ).toMatchObject({ code: "retry_later", message: expect.stringMatching(/try again/) });
    const form = await postForm({ ...choice, "cf-turnstile-response": "internal" });
    expect(form.status).toBe(303);
    expect(new URL(form.headers.get("location")!).searchParams.get("captcha")).toBe("unavailable");
    expect(await attempts()).toBe(rows);
  });

  it("validates the choice before the CAPTCHA: a bad amount is a field error, whatever the token", async () => {
    const calls = siteverify.calls.length;
    const response = await postJson({ ...choice, amount: "1", captchaToken: "pass-unused" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      "amount",
    );
    expect(siteverify.calls.length).toBe(calls);
  });

  it("applies the rate limit before the CAPTCHA, so a flood spends its budget and not calls to the provider", async () => {
    const ip = freshIp();
    const calls = siteverify.calls.length;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await postJson({ ...choice, captchaToken: `forged-${i}` }, ip)).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    expect(siteverify.calls.length).toBe(calls + 3);
  });
});
