import { spawn } from "node:child_process";
import { createServer } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { LIVE_SECRETS } from "@/test/env/live-secrets";
import { encode } from "next-auth/jwt";
import Stripe from "stripe";
import { APP_URL, SECRETS } from "../playwright.config";
import { createSupporter, latestSignInLink } from "./fixtures/auth";
import { query, uniqueEmail } from "./fixtures/db";

/**
 * The app's mode (lib/env.ts): the suite's server runs in demo mode (APP_URL on 127.0.0.1) with secrets made
 * for this run. Demo mode says so on every page; the secrets the source once carried open nothing; a live
 * configuration without its secrets does not start; the development mailbox is for this machine only.
 */

// Printed in the source until now: anyone could sign sessions and webhooks with them.
const OLD_DEMO_AUTH_SECRET = "demo-only-auth-secret-change-me-in-production";
const OLD_EMULATOR_WEBHOOK_SECRET = "whsec_local_emulator_not_a_secret";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function expectBannerAndAxe(page: Page, path: string) {
  await page.goto(path);
  const banner = page.getByRole("region", { name: "Demo mode" });
  await expect(banner, path).toBeVisible();
  await expect(banner).toContainText("Demo — no real payments");
  expect((await new AxeBuilder({ page }).analyze()).violations, path).toEqual([]);
}

test.describe("demo mode", () => {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 375, height: 740 }],
  ] as const) {
    test(`every page shows the demo banner, accessibly (${label})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      for (const path of [
        "/support",
        "/demo/article",
        "/signin",
        "/dev/mailbox",
        "/support/thanks?session_id=cs_unknown",
      ])
        await expectBannerAndAxe(page, path);
      // The embed's frame is a page of ours too (not the script's ask inside a host's page, which is theirs).
      await page.goto("/embed/ask?surface=embed");
      await expect(page.getByRole("banner", { name: "Demo mode" })).toContainText(
        "Demo — no real payments",
      );
      await expect(
        page.getByRole("button", { name: /^(Support|Continue to payment)/ }),
      ).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    });
  }

  test("a session cookie signed with the old demo secret opens nothing", async ({ request }) => {
    const email = uniqueEmail("forged-staff");
    const id = await createSupporter(email, "STAFF");
    const forged = await encode({
      token: { sub: id, email, role: "STAFF" },
      secret: OLD_DEMO_AUTH_SECRET,
    });
    for (const path of ["/dashboard", "/account"]) {
      const response = await request.get(path, {
        headers: { cookie: `next-auth.session-token=${forged}` },
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(307);
      expect(response.headers()["location"], path).toMatch(/\/signin\?callbackUrl=/);
    }
    const exported = await request.get("/api/staff/export/supporters", {
      headers: { cookie: `next-auth.session-token=${forged}` },
      maxRedirects: 0,
    });
    expect(exported.status()).toBe(401);
  });

  test("a webhook signed with the old public emulator secret is refused and records nothing", async ({
    request,
  }) => {
    const email = uniqueEmail("forged-webhook");
    const id = `evt_forged_${Date.now()}`;
    const payload = JSON.stringify({
      id,
      object: "event",
      type: "checkout.session.completed",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: `cs_forged_${Date.now()}`,
          object: "checkout.session",
          mode: "payment",
          status: "complete",
          payment_status: "paid",
          amount_total: 5_000_000,
          currency: "usd",
          customer: null,
          customer_details: { email, name: "Mallory" },
          payment_intent: `pi_forged_${Date.now()}`,
          metadata: {},
          created: Math.floor(Date.now() / 1000),
        },
      },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: OLD_EMULATOR_WEBHOOK_SECRET,
    });
    const response = await request.post("/api/stripe/webhook", {
      headers: { "content-type": "application/json", "stripe-signature": signature },
      data: payload,
    });
    expect(response.status()).toBe(400);
    expect(await query(`SELECT id FROM "StripeEvent" WHERE id = $1`, [id])).toEqual([]);
    expect(await query(`SELECT id FROM "Supporter" WHERE email = $1`, [email])).toEqual([]);
  });

  test("/dev/mailbox answers only a browser on this machine", async ({ request }) => {
    expect((await request.get("/dev/mailbox")).status()).toBe(200);
    const foreign: Array<Record<string, string>> = [
      { "x-forwarded-for": "203.0.113.7" },
      { "x-forwarded-for": "203.0.113.7, 127.0.0.1" },
      { host: "rebound.attacker.example" },
    ];
    for (const headers of foreign) {
      const response = await request.get("/dev/mailbox", { headers });
      expect(response.status(), JSON.stringify(headers)).toBe(404);
      expect(await response.text()).not.toContain("no mail leaves this machine");
    }
  });
});

test.describe("live mode", () => {
  const cleanEnv = () => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    for (const key of [...LIVE_SECRETS, "DEMO_MODE", "ENABLE_TEST_CLOCK", "E2E_SECRETS"])
      delete env[key];
    return env;
  };

  /** Starts `next start` and resolves when it answers /support, or when it exits (with what it printed). */
  async function startApp(env: Record<string, string>, port: number) {
    const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: env as NodeJS.ProcessEnv,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number>((resolve) =>
      child.once("exit", (code) => resolve(code ?? 1)),
    );
    const stop = () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    };
    for (const started = Date.now(); Date.now() - started < 90_000;) {
      const answered = await fetch(`http://127.0.0.1:${port}/support`).then(
        (r) => r.status,
        () => null,
      );
      if (answered !== null) return { answered: true as const, output, stop };
      const code = await Promise.race([
        exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 300)),
      ]);
      if (code !== null) return { answered: false as const, code, output, stop };
    }
    stop();
    throw new Error(`the app neither started nor exited:\n${output}`);
  }

  test("NODE_ENV=production on a public APP_URL without real secrets refuses to start, naming each variable", async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    const app = await startApp(
      { ...cleanEnv(), NODE_ENV: "production", APP_URL: "https://news.example" },
      port,
    );
    try {
      // Before: it started with the source's secrets and served everyone's sign-in links at /dev/mailbox.
      expect(app.answered, app.output).toBe(false);
      expect(app.output).toContain("live mode");
      for (const key of LIVE_SECRETS)
        expect(app.output).toContain(`${key}: is required in live mode`);
    } finally {
      app.stop();
    }
  });

  test("with its secrets it starts, without the banner, and /dev/mailbox does not exist", async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    const app = await startApp(
      {
        ...cleanEnv(),
        NODE_ENV: "production",
        APP_URL: `http://127.0.0.1:${port}`,
        DEMO_MODE: "0",
        STRIPE_SECRET_KEY: "sk_test_live_mode_e2e",
        STRIPE_WEBHOOK_SECRET: "whsec_live_mode_e2e",
        ASK_COOKIE_SECRET: "a".repeat(40),
        NEXTAUTH_SECRET: "n".repeat(40),
        EMAIL_SERVER: "smtp://127.0.0.1:9",
      },
      port,
    );
    try {
      expect(app.answered, app.output).toBe(true);
      const page = await fetch(`http://127.0.0.1:${port}/support`);
      expect(await page.text()).not.toContain("Demo — no real payments");
      expect((await fetch(`http://127.0.0.1:${port}/dev/mailbox`)).status).toBe(404);
    } finally {
      app.stop();
    }
  });
});

test.describe("sessions", () => {
  test("signing out ends the session: the old cookie no longer opens /account", async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail("sign-out");
    await createSupporter(email);
    const before = new Date(Date.now() - 1000);
    await page.goto("/signin?callbackUrl=%2Faccount");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Check your inbox.")).toBeVisible();
    await page.goto(await latestSignInLink(email, before));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    const session = (await page.context().cookies()).find(
      (c) => c.name === "next-auth.session-token",
    )!;
    expect(session).toBeTruthy();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/signin");

    // Someone who copied the cookie before the sign-out (a shared computer, a stolen cookie) gets nothing.
    const other = await browser.newContext();
    await other.addCookies([
      { name: session.name, value: session.value, url: APP_URL, httpOnly: true, sameSite: "Lax" },
    ]);
    const response = await other.request.get("/account", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toMatch(/\/signin\?callbackUrl=/);
    await other.close();
  });

  test("another site cannot sign a reader in as someone else with its own magic link (GET or POST)", async ({
    page,
    playwright,
  }) => {
    // The attacker asks for a link for their own account and reads it from their own mail.
    const attacker = uniqueEmail("attacker");
    await createSupporter(attacker);
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const before = new Date(Date.now() - 1000);
    await api.post("/api/auth/signin/email", {
      form: { email: attacker, csrfToken, callbackUrl: "/account", json: "true" },
    });
    const link = new URL(await latestSignInLink(attacker, before));
    const callback = `${APP_URL}/api/auth/callback/email?token=${link.searchParams.get("token")}&email=${encodeURIComponent(attacker)}`;
    await api.dispose();

    // The victim visits the attacker's page, which links to the callback and posts a form to it.
    await page.route("http://attacker.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Win a prize</title><a id="go" href="${callback}">Claim</a>
          <form id="post" method="post" action="${callback}"><input name="csrfToken" value="${"0".repeat(64)}"><input name="callbackUrl" value="/account"></form>`,
      }),
    );
    await page.goto("http://attacker.example/");
    await page.click("#go");
    // The GET only shows the confirmation page, naming the attacker's address; nothing is signed in.
    await expect(page.getByRole("heading", { name: `Sign in as ${attacker}?` })).toBeVisible();
    expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(
      false,
    );

    await page.goto("http://attacker.example/");
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${APP_URL}/api/auth/callback/email`)),
      page.evaluate(() => (document.getElementById("post") as HTMLFormElement).submit()),
    ]);
    expect(posted.status()).toBe(403);
    // Let the refused post's page finish loading, so the next navigation is not cut short by it.
    await page.waitForURL((url) => url.pathname === "/api/auth/callback/email");
    expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(
      false,
    );
    const account = await page.context().request.get("/account", { maxRedirects: 0 });
    expect(account.status()).toBe(307);

    // The link still works for its owner, by the confirmation page's button (it was not spent).
    await page.goto(link.toString());
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByText(`Signed in as ${attacker}`)).toBeVisible();
  });
});

test.describe("the staff page", () => {
  test("shows fixed notices only, whatever the query says", async ({ page }) => {
    const email = uniqueEmail("admin-notices");
    const id = await createSupporter(email, "ADMIN");
    const value = await encode({
      token: { sub: id, email, role: "ADMIN" },
      secret: SECRETS.NEXTAUTH_SECRET,
    });
    await page
      .context()
      .addCookies([
        { name: "next-auth.session-token", value, url: APP_URL, httpOnly: true, sameSite: "Lax" },
      ]);
    const scam = "Your account is locked. Call 0800 123 456 now";
    await page.goto(
      `/dashboard/staff?error=${encodeURIComponent(scam)}&added=${encodeURIComponent(scam)}`,
    );
    await expect(page.getByRole("heading", { name: "Staff" })).toBeVisible();
    expect(await page.content()).not.toContain("0800 123 456");
    await page.goto("/dashboard/staff?error=self");
    await expect(page.locator(".error-box")).toHaveText("You cannot remove yourself.");
  });

  test("a server action called from another origin is refused with 403", async ({ request }) => {
    const email = uniqueEmail("admin-cross-origin");
    const id = await createSupporter(email, "ADMIN");
    const value = await encode({
      token: { sub: id, email, role: "ADMIN" },
      secret: SECRETS.NEXTAUTH_SECRET,
    });
    const response = await request.post("/dashboard/staff", {
      headers: {
        cookie: `next-auth.session-token=${value}`,
        origin: "https://evil.example",
        "next-action": "7f".padEnd(42, "0"),
        "content-type": "text/plain;charset=UTF-8",
      },
      data: JSON.stringify([{ email: "mallory@evil.example" }]),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await query(`SELECT id FROM "Supporter" WHERE email = 'mallory@evil.example'`)).toEqual(
      [],
    );
  });
});
