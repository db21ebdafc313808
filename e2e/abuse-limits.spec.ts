import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { APP_URL, EMULATOR_URL, READER_AGENT, SECRETS } from "../playwright.config";

/**
 * The built app against abuse, as a client reaching it directly would try it: a second `next start` of the same
 * build with small limits (the suite's main server has them out of the way), and chunked bodies to every body
 * endpoint of the main server.
 */
const LIMITED_PORT = Number(new URL(APP_URL).port) + 1000;
const LIMITED_URL = `http://127.0.0.1:${LIMITED_PORT}`;
let limited: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  limited = spawn("npx", ["next", "start", "-p", String(LIMITED_PORT), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: LIMITED_URL,
      STRIPE_EMULATOR_URL: EMULATOR_URL,
      ...SECRETS,
      TRUST_PROXY: "",
      RATE_LIMIT_CHECKOUT_PER_IP: "3",
      // The per-address limit is what these tests reach first (cookieless browsers share a larger budget).
      RATE_LIMIT_CHECKOUT_PER_READER: "100",
      RATE_LIMIT_FORMS_PER_IP: "2",
    },
  });
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${LIMITED_URL}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${LIMITED_URL} did not start`);
});

test.afterAll(() => {
  if (limited?.pid) process.kill(-limited.pid, "SIGTERM");
});

test.describe.configure({ mode: "serial" });

test("a rotating X-Forwarded-For does not multiply a directly connected client's checkout budget", async ({
  playwright,
}) => {
  const statuses: number[] = [];
  for (let i = 1; i <= 5; i++) {
    // A card tester's script: no cookies kept, a new forged address each time.
    const request = await playwright.request.newContext();
    const response = await request.post(`${LIMITED_URL}/api/checkout`, {
      headers: {
        origin: LIMITED_URL,
        "x-forwarded-for": `198.51.100.${i}`,
        "user-agent": READER_AGENT,
      },
      data: { frequency: "ONCE", currency: "USD", amount: "2500" },
    });
    statuses.push(response.status());
    if (response.status() === 429) {
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("rate_limited");
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    }
    await request.dispose();
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
});

test("a rate-limited checkout without JavaScript comes back to the ask with an inline message and when to retry", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, userAgent: READER_AGENT });
  const page = await context.newPage();
  await page.goto(`${LIMITED_URL}/support`);
  await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
  await expect(page).toHaveURL(/\/support\?.*limited=\d+/);
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many checkout attempts" }),
  ).toContainText(/try again in about \d+ minutes/);
  // The choice is kept, and the reader can still use the form.
  await expect(page.getByRole("button", { name: /^(Support|Continue to payment)/ })).toBeVisible();
  await context.close();
});

test("a rate-limited 'remind me later' without JavaScript comes back with a message by the form", async ({
  browser,
  request,
}) => {
  for (let i = 0; i < 2; i++) {
    await request.post(`${LIMITED_URL}/api/ask/remind-later`, {
      headers: { origin: LIMITED_URL },
      data: { choice: "never" },
    });
  }
  const context = await browser.newContext({ javaScriptEnabled: false, userAgent: READER_AGENT });
  const page = await context.newPage();
  await page.goto(`${LIMITED_URL}/support`);
  await page.getByText("Remind me later").click();
  await page.getByRole("button", { name: "Remind me" }).click();
  await expect(page).toHaveURL(/\/support\?remind=limited&retry=\d+/);
  await expect(page.getByRole("alert").filter({ hasText: "Too many requests" })).toContainText(
    /try again in about \d+ minutes/,
  );
  await context.close();
});

/** A chunked body that sends more than `bytes` and then never ends: only a server that stops reading can answer. */
function endlessPost(
  path: string,
  headers: Record<string, string>,
  bytes: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, APP_URL);
    const req = http.request(
      url,
      { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      },
    );
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    for (let sent = 0; sent <= bytes; sent += chunk.length) req.write(chunk);
  });
}

test("every endpoint that reads a body answers 413 to an endless chunked body once past its cap", async () => {
  const json = { "content-type": "application/json", origin: APP_URL };
  const cases: Array<[string, Record<string, string>, number]> = [
    [
      "/api/stripe/webhook",
      { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      512 * 1024,
    ],
    ["/api/checkout", json, 8 * 1024],
    ["/api/ask/event", { "content-type": "text/plain;charset=UTF-8" }, 1024],
    ["/api/ask/remind-later", json, 4096],
    ["/api/ask/recognise", json, 1024],
    [
      `/api/reminders/unsubscribe?token=${"Z".repeat(32)}`,
      { "content-type": "application/x-www-form-urlencoded", origin: APP_URL },
      1024,
    ],
  ];
  for (const [path, headers, cap] of cases)
    expect(await endlessPost(path, headers, cap), path).toBe(413);
});
