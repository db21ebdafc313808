import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIVE_SECRETS } from "@/test/env/live-secrets";
import { generateSecrets, loadDemoSecrets } from "./demo-secrets";
import { parseEnv } from "./env";

// The secrets the source used to carry: anyone could sign sessions, cookies and webhooks with them.
const OLD_PUBLIC_SECRETS = [
  "whsec_local_emulator_not_a_secret",
  "demo-only-cookie-secret-change-me-in-production",
  "demo-only-auth-secret-change-me-in-production",
];

const generated = generateSecrets();
const parse = (vars: Record<string, string>) =>
  parseEnv({ NODE_ENV: "test", ...vars }, () => generated);

const LIVE = {
  APP_URL: "https://news.example",
  STRIPE_SECRET_KEY: "sk_live_abc",
  STRIPE_WEBHOOK_SECRET: "whsec_real",
  ASK_COOKIE_SECRET: "c".repeat(32),
  NEXTAUTH_SECRET: "n".repeat(32),
  EMAIL_SERVER: "smtp://user:pass@smtp.example:587",
};

describe("the mode", () => {
  it("is demo when APP_URL is a loopback address, live otherwise", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:3100",
      "http://127.8.9.10",
      "http://[::1]:3000",
      "http://app.localhost:3000",
    ]) {
      expect(parse({ APP_URL: url }).mode, url).toBe("demo");
    }
    expect(parse({}).mode).toBe("demo"); // the quick start's default APP_URL
    for (const url of [
      "https://news.example",
      "http://10.0.0.5:3000",
      "http://128.0.0.1",
      "https://localhost.news.example",
      "http://[::2]",
    ]) {
      expect(() => parse({ APP_URL: url }), url).toThrow(/live mode/);
      expect(parse({ ...LIVE, APP_URL: url }).mode, url).toBe("live");
    }
  });

  it("starts the built-in ask in DEFAULT_CURRENCY: USD unless set to another currency the app takes", () => {
    expect(parse({}).DEFAULT_CURRENCY).toBe("USD");
    expect(parse({ DEFAULT_CURRENCY: "JPY" }).DEFAULT_CURRENCY).toBe("JPY");
    expect(() => parse({ DEFAULT_CURRENCY: "XYZ" })).toThrow(/DEFAULT_CURRENCY/);
  });

  it("follows DEMO_MODE when the operator sets it", () => {
    expect(parse({ APP_URL: "https://demo.news.example", DEMO_MODE: "1" }).mode).toBe("demo");
    expect(parse({ ...LIVE, APP_URL: "http://127.0.0.1:3000", DEMO_MODE: "0" }).mode).toBe("live");
    expect(() => parse({ DEMO_MODE: "yes" })).toThrow(
      /DEMO_MODE: must be 1 \(demo\) or 0 \(live\)/,
    );
  });

  it("refuses to start live without real secrets, naming each variable (NODE_ENV=production, an https APP_URL, nothing else)", () => {
    let message = "";
    try {
      parse({ NODE_ENV: "production", APP_URL: "https://news.example" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/live mode: APP_URL is not a loopback address/);
    for (const key of LIVE_SECRETS) {
      expect(message).toContain(`${key}: is required in live mode`);
    }
    // One missing is named alone.
    expect(() => parse({ ...LIVE, EMAIL_SERVER: "" })).toThrow(
      /Invalid configuration \(live mode[^\n]*\):\n {2}EMAIL_SERVER: is required in live mode[^\n]*$/,
    );
  });

  it("never falls back to a generated or built-in secret in live mode", () => {
    const live = parseEnv({ NODE_ENV: "production", ...LIVE }, () => {
      throw new Error("live mode read the demo secrets");
    });
    expect(live).toMatchObject({
      mode: "live",
      stripeEmulated: false,
      mailCaptured: false,
      webhookSecret: "whsec_real",
      cookieSecret: LIVE.ASK_COOKIE_SECRET,
      authSecret: LIVE.NEXTAUTH_SECRET,
    });
    expect(() => parse({ ...LIVE, ENABLE_TEST_CLOCK: "1" })).toThrow(
      /ENABLE_TEST_CLOCK: is for tests only/,
    );
  });

  it("demo mode uses the install's generated secrets, never ones from the source, and takes no live key", () => {
    const demo = parse({});
    expect(demo).toMatchObject({ mode: "demo", stripeEmulated: true, mailCaptured: true });
    expect([demo.webhookSecret, demo.cookieSecret, demo.authSecret]).toEqual([
      generated.STRIPE_WEBHOOK_SECRET,
      generated.ASK_COOKIE_SECRET,
      generated.NEXTAUTH_SECRET,
    ]);
    for (const secret of [demo.webhookSecret, demo.cookieSecret, demo.authSecret])
      expect(OLD_PUBLIC_SECRETS).not.toContain(secret);
    // Set ones win over generated ones.
    expect(parse({ NEXTAUTH_SECRET: "x".repeat(32) }).authSecret).toBe("x".repeat(32));
    expect(() =>
      parse({ STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }),
    ).toThrow(/STRIPE_SECRET_KEY: is a live key, and demo mode takes no real payments/);
    expect(
      parse({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }),
    ).toMatchObject({ mode: "demo", stripeEmulated: false });
    expect(() => parse({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(
      /STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set/,
    );
  });
});

describe("the install's generated secrets", () => {
  it("are made once, random, readable by their owner only, and read back the same", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secrets-"));
    const file = path.join(dir, ".data", "secrets.json");
    const first = loadDemoSecrets(file);
    expect(loadDemoSecrets(file)).toEqual(first);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(first.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadDemoSecrets(path.join(dir, "other.json"))).not.toEqual(first);
  });
});
