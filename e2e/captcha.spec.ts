import { spawn, type ChildProcess } from "node:child_process";
import { cspViolations } from "./fixtures/csp";
import { createServer } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { startSiteverify } from "@/test/captcha/test-siteverify";
import { PROVIDERS } from "../lib/captcha/providers";
import { EMULATOR_URL, SECRETS } from "../playwright.config";

const PROVIDER_ORIGINS = /hcaptcha\.com|challenges\.cloudflare\.com/;

test.describe("CAPTCHA off (the default)", () => {
  test("the ask has no widget, no provider script, and the CSP names no provider", async ({
    page,
    request,
  }) => {
    for (const path of ["/support", "/demo/article", "/embed/ask?surface=embed"]) {
      const response = await page.goto(path);
      expect(response!.headers()["content-security-policy"]).not.toMatch(PROVIDER_ORIGINS);
      expect(response!.headers()["content-security-policy"]).not.toContain("frame-src");
      await expect(page.locator("[data-captcha-provider]")).toHaveCount(0);
      await expect(page.locator("script[src*='hcaptcha'], script[src*='cloudflare']")).toHaveCount(
        0,
      );
    }
    const config = (await (await request.get("/api/ask/config")).json()) as {
      checkoutUrl: string;
      checkoutMethod: string;
    };
    expect(new URL(config.checkoutUrl).pathname).toBe("/api/checkout");
    expect(config.checkoutMethod).toBe("post");
  });
});

/**
 * The same build served a second time with CAPTCHA_PROVIDER=turnstile. Nothing may reach the real provider:
 * its widget script is answered by the browser route below (a stand-in with Turnstile's explicit-rendering
 * API), and siteverify by a local server speaking its format (test/captcha/test-siteverify.ts).
 */
const FAKE_TURNSTILE = `
window.turnstile = {
  render(container, options) {
    if (options.sitekey !== "0x4AAAAAAA-e2e-site-key" || options.action !== "checkout") throw new Error("unexpected options");
    const input = Object.assign(document.createElement("input"), { type: "hidden", name: "cf-turnstile-response" });
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "I am human (test widget)" });
    button.addEventListener("click", () => { input.value = "pass-e2e-" + Math.random().toString(36).slice(2); button.textContent = "Verified"; });
    container.append(input, button);
    return "widget-1";
  },
  reset() {},
  remove() {},
};`;

let app: ChildProcess | undefined;
let appUrl = "";
let siteverify: Awaited<ReturnType<typeof startSiteverify>>;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serveTurnstileStandIn(page: Page) {
  await page.route(PROVIDERS.turnstile.scriptUrl, (route) =>
    route.fulfill({ contentType: "text/javascript", body: FAKE_TURNSTILE }),
  );
}

test.describe("CAPTCHA on (Turnstile, with local stand-ins)", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    siteverify = await startSiteverify({ hostname: "127.0.0.1" });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        APP_URL: appUrl,
        STRIPE_EMULATOR_URL: EMULATOR_URL,
        ...SECRETS,
        RATE_LIMIT_CHECKOUT_PER_IP: "10000",
        RATE_LIMIT_CHECKOUT_PER_READER: "10000",
        CAPTCHA_PROVIDER: "turnstile",
        CAPTCHA_SITE_KEY: "0x4AAAAAAA-e2e-site-key",
        CAPTCHA_SECRET_KEY: "secret",
        CAPTCHA_VERIFY_URL: siteverify.url,
      },
    });
    for (let started = Date.now(); ;) {
      const ok = await fetch(`${appUrl}/support`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - started > 90_000) throw new Error("the CAPTCHA-enabled app did not start");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });

  test.afterAll(async () => {
    if (app?.pid) process.kill(-app.pid, "SIGTERM");
    await siteverify?.close();
  });

  test("the widget runs under our CSP, Continue waits for it, and a solved check goes on to Checkout", async ({
    page,
  }) => {
    const violations = cspViolations(page);
    await serveTurnstileStandIn(page);
    const response = await page.goto(`${appUrl}/support`);
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src [^;]*https:\/\/challenges\.cloudflare\.com/);
    expect(csp).toMatch(/frame-src 'self' https:\/\/challenges\.cloudflare\.com/);
    expect(csp).not.toContain("hcaptcha");

    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.locator("#captcha-error-support-page")).toContainText("not a robot");
    expect(page.url()).toBe(`${appUrl}/support`);

    await page.getByRole("button", { name: "I am human (test widget)" }).click();
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    expect(siteverify.calls.at(-1)!.form).toMatchObject({
      secret: "secret",
      response: expect.stringMatching(/^pass-e2e-/),
    });
    expect(violations).toEqual([]);
  });

  test("a widget that never arrives (a blocker, a dead network) is reported instead of leaving Continue mute", async ({
    page,
  }) => {
    await page.clock.install();
    await page.route(PROVIDERS.turnstile.scriptUrl, () => {}); // never answered: neither load nor error fires
    await page.goto(`${appUrl}/support`, { waitUntil: "domcontentloaded" });
    const message = page.locator("#captcha-error-support-page");
    await expect
      .poll(async () => {
        await page.clock.fastForward(16_000);
        return message.count();
      })
      .toBe(1);
    await expect(message).toContainText("could not load");
    await expect(message).toHaveAttribute("role", "alert");
  });

  test("a post without a token comes back to the form with its choice and an inline message", async ({
    page,
  }) => {
    const refused = await page.request.post(`${appUrl}/api/checkout`, {
      form: {
        frequency: "ONCE",
        currency: "EUR",
        amount: "2500",
        surface: "support-page",
        variant: "default",
      },
      headers: { origin: appUrl },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(303);
    const location = refused.headers()["location"]!;
    expect(new URL(location).searchParams.get("captcha")).toBe("1");
    await serveTurnstileStandIn(page);
    await page.goto(location);
    await expect(page.locator("#captcha-error-support-page")).toContainText(
      "Please complete the check that you are not a robot, then press Continue again.",
    );
    await expect(page.getByRole("radio", { name: "Once" })).toBeChecked();
    await expect(page.getByLabel("Currency")).toHaveValue("EUR");
  });

  test("the embed's Continue leads to /support, where the widget runs, and its frame names no provider", async ({
    request,
  }) => {
    const config = (await (await request.get(`${appUrl}/api/ask/config`)).json()) as {
      checkoutUrl: string;
      checkoutMethod: string;
    };
    expect(config).toMatchObject({ checkoutUrl: `${appUrl}/support`, checkoutMethod: "get" });
    const frame = await request.get(`${appUrl}/embed/ask?surface=embed`);
    expect(frame.headers()["content-security-policy"]).not.toMatch(PROVIDER_ORIGINS);
  });
});
