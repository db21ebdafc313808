import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/test-database";
import { EMULATOR_WEBHOOK_SECRET } from "../env";
import { startEmulator } from "../stripe/emulator/server";

/** POST /api/checkout as the quick start runs it (no CAPTCHA_* set), against real PostgreSQL and the emulator. */
let database: TestDatabase;
let closeEmulator: () => Promise<void>;
let emulatorUrl: string;
let handle: typeof import("./handle-request").handleCheckoutRequest;
let NextRequest: typeof import("next/server").NextRequest;
let attempts: () => Promise<number>;

beforeAll(async () => {
  database = await createTestDatabase();
  const emulator = await startEmulator({ port: 0, webhookUrl: null, webhookSecret: EMULATOR_WEBHOOK_SECRET });
  closeEmulator = emulator.close;
  emulatorUrl = emulator.url;
  for (const key of ["CAPTCHA_PROVIDER", "CAPTCHA_SITE_KEY", "CAPTCHA_SECRET_KEY", "CAPTCHA_VERIFY_URL"]) delete process.env[key];
  Object.assign(process.env, { APP_URL: "http://127.0.0.1:3000", DATABASE_URL: database.url, STRIPE_EMULATOR_URL: emulator.url });
  ({ handleCheckoutRequest: handle } = await import("./handle-request"));
  ({ NextRequest } = await import("next/server"));
  const { db } = await import("../db");
  attempts = () => db.checkoutAttempt.count();
});

afterAll(async () => {
  const { closeDb } = await import("../db");
  await closeDb();
  await closeEmulator?.();
  await database?.drop();
});

const choice = { frequency: "MONTHLY", currency: "EUR", amount: "1000" };

function post(contentType: string, body: string) {
  return handle(
    new NextRequest("http://127.0.0.1:3000/api/checkout", {
      method: "POST",
      headers: { "content-type": contentType, "x-forwarded-for": "192.0.2.10", origin: "http://127.0.0.1:3000" },
      body,
    }),
  );
}

describe("checkout creation with the CAPTCHA off (the default)", () => {
  it("creates a checkout from JSON without any token", async () => {
    const response = await post("application/json", JSON.stringify(choice));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toContain(emulatorUrl);
    expect(await attempts()).toBe(1);
  });

  it("sends a plain form post to Checkout, and ignores any token fields", async () => {
    const response = await post("application/x-www-form-urlencoded", new URLSearchParams({ ...choice, "cf-turnstile-response": "junk", captchaToken: "junk" }).toString());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(emulatorUrl);
    expect(await attempts()).toBe(2);
  });

  it("still answers a bad choice with field errors and no row", async () => {
    const response = await post("application/json", JSON.stringify({ ...choice, frequency: "WEEKLY" }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: object }).fields).toHaveProperty("frequency");
    expect(await attempts()).toBe(2);
  });
});
