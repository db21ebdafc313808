import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { formatMoney } from "../lib/ask/amounts";
import { SECRETS } from "../playwright.config";
import { signInWithMagicLink } from "./fixtures/auth";
import { query } from "./fixtures/db";
import { emulatorPost } from "./fixtures/emulator";
import { seedDemoHistory } from "./fixtures/staff";

test.beforeAll(seedDemoHistory);

test.beforeEach(async ({ page }) => {
  await emulatorPost("deliveries/flush"); // nothing from earlier specs lands mid-test
  await signInWithMagicLink(page, "admin@example.com", "/dashboard");
});

/** Computed here in SQL, independently of lib/dashboard. */
async function expected() {
  const [active] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "Membership" WHERE status NOT IN ('INCOMPLETE','INCOMPLETE_EXPIRED') AND "startedAt" <= now() AND ("endedAt" IS NULL OR "endedAt" > now())`,
  );
  const mrr = await query<{ currency: string; mrr: string }>(
    `SELECT currency, round(sum(CASE WHEN "interval" = 'MONTH' THEN amount * 12 ELSE amount END) / 12.0) AS mrr FROM "Membership"
      WHERE status NOT IN ('INCOMPLETE','INCOMPLETE_EXPIRED') AND "startedAt" <= now() AND ("endedAt" IS NULL OR "endedAt" > now()) GROUP BY 1`,
  );
  // Net: payments by when they were paid, less refunds by when they were made (not failed or canceled), less
  // disputes by when they were lost.
  const net = await query<{ currency: string; net: string }>(
    `SELECT currency, sum(amount) AS net FROM (
       SELECT currency, amount FROM "Payment"
        WHERE status IN ('SUCCEEDED','PARTIALLY_REFUNDED','REFUNDED') AND "paidAt" >= now() - interval '30 days' AND "paidAt" < now()
       UNION ALL
       SELECT currency, -amount FROM "Refund"
        WHERE status IN ('pending','requires_action','succeeded') AND "createdAt" >= now() - interval '30 days' AND "createdAt" < now()
       UNION ALL
       SELECT currency, -amount FROM "Dispute"
        WHERE status = 'lost' AND "lostAt" >= now() - interval '30 days' AND "lostAt" < now()) AS money
      GROUP BY 1`,
  );
  return { active: Number(active!.n), mrr, net };
}

test("the overview's numbers match the data, and the page is accessible", async ({ page }) => {
  const want = await expected();
  await page.goto("/dashboard?period=30d");
  await expect(page.getByTestId("kpi-active").locator(".value")).toHaveText(String(want.active));
  for (const { currency, mrr } of want.mrr) {
    await expect(page.locator(`tr[data-currency="${currency}"] [data-field="mrr"]`)).toHaveText(
      formatMoney(Number(mrr), currency),
    );
  }
  for (const { currency, net } of want.net) {
    await expect(page.locator(`tr[data-currency="${currency}"] [data-field="net"]`)).toHaveText(
      formatMoney(Number(net), currency),
    );
  }
  await expect(page.getByRole("img", { name: /Line chart of members/ })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("filters supporters, opens one, and downloads a CSV of exactly the filtered rows", async ({
  page,
}) => {
  await page.goto("/dashboard/supporters");
  await page.getByLabel("Gives").selectOption("monthly");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/frequency=monthly/);
  const rows = page.getByTestId("supporters").locator("tbody tr");
  await expect(rows.first()).toContainText("/month");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const want = await query<{ id: string }>(
    `SELECT s.id FROM "Supporter" s
      WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."supporterId" = s.id AND m."interval" = 'MONTH' AND m.status NOT IN ('INCOMPLETE','INCOMPLETE_EXPIRED'))
        AND (EXISTS (SELECT 1 FROM "Payment" p WHERE p."supporterId" = s.id AND p.currency = 'EUR')
          OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."supporterId" = s.id AND m.currency = 'EUR'))`,
  );
  expect(want.length).toBeGreaterThan(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    '"id","email","name","first_seen","membership_status","membership_interval","membership_amount","membership_currency","gifts"',
  );
  const ids = lines.slice(1).map((line) => JSON.parse(`[${line}]`)[0] as string);
  expect(ids.sort()).toEqual(want.map((r) => r.id).sort());

  const firstEmail = (await rows.first().getByRole("link").textContent())!;
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(firstEmail)).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Monthly membership started");
  await expect(page.getByTestId("timeline")).toContainText("Membership payment");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("payments, funnel and staff pages render, filter from the keyboard, and pass axe", async ({
  page,
}) => {
  await page.goto("/dashboard/payments");
  await page.getByLabel("Supporter email or name").focus();
  await page.keyboard.type("example.org");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=example.org/);
  await expect(page.getByTestId("payments").locator("tbody tr").first()).toContainText(
    "@example.org",
  );
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/dashboard/payments?from=not-a-date");
  await expect(page.locator(".notice[role=alert]")).toHaveText("From: Use a date like 2026-01-31.");

  await page.goto("/dashboard/funnel");
  await expect(page.getByRole("heading", { name: "The ask’s funnel" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/dashboard/staff");
  await page.getByLabel("Add a staff member by email").fill("new.staff@example.com");
  await page.getByRole("button", { name: "Add staff" }).click();
  await expect(page.getByRole("status")).toContainText("new.staff@example.com can now sign in");
  await expect(page.getByRole("button", { name: "Remove new.staff@example.com" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // Asking again for an address that already can sign in does not claim it now can.
  await page.getByLabel("Add a staff member by email").fill("new.staff@example.com");
  await page.getByRole("button", { name: "Add staff" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "new.staff@example.com is already staff: nothing changed.",
  );
  await page.getByLabel("Add a staff member by email").fill("admin@example.com");
  await page.getByRole("button", { name: "Add staff" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "admin@example.com is an admin already: nothing changed.",
  );
});

test("removing a staff member asks first, without JavaScript too", async ({
  page: signedIn,
  browser,
}) => {
  test.setTimeout(120_000);
  // The admin's session (signed in by beforeEach), in a browser with and one without JavaScript.
  const storageState = await signedIn.context().storageState();
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, storageState });
    const page = await context.newPage();
    const email = `leaving.${javaScriptEnabled ? "js" : "nojs"}.${Date.now()}@example.com`;
    await page.goto("/dashboard/staff");
    await page.getByLabel("Add a staff member by email").fill(email);
    await page.getByRole("button", { name: "Add staff" }).click();
    await expect(page.getByRole("status")).toContainText(`${email} can now sign in`);

    // Remove, then cancel: nothing changed.
    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Remove ${email} from staff?`);
    if (javaScriptEnabled)
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("button", { name: `Remove ${email}` })).toBeVisible();
    expect(await query(`SELECT role FROM "Supporter" WHERE email = $1`, [email])).toEqual([
      { role: "STAFF" },
    ]);

    // Remove, then confirm.
    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await page.getByRole("button", { name: `Yes, remove ${email}` }).click();
    await expect(page.getByRole("status")).toHaveText(
      `${email} is no longer staff and has been signed out of the dashboard.`,
    );
    await expect(page.getByRole("button", { name: `Remove ${email}` })).toHaveCount(0);
    expect(await query(`SELECT role FROM "Supporter" WHERE email = $1`, [email])).toEqual([
      { role: "READER" },
    ]);
    await context.close();
  }
});

test("staff see a lost dispute on the payment, the supporter's timeline and the overview's disputes lost", async ({
  page,
}) => {
  const [gift] = await query<{
    pi: string;
    amount: number;
    currency: string;
    email: string;
    supporterId: string;
  }>(
    `SELECT p."stripePaymentIntentId" AS pi, p.amount, p.currency, s.email, s.id AS "supporterId" FROM "Payment" p JOIN "Supporter" s ON s.id = p."supporterId"
      WHERE p.kind = 'ONE_TIME' AND p.status = 'SUCCEEDED' AND p."stripePaymentIntentId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "Dispute" d WHERE d."paymentId" = p.id)
      ORDER BY p."paidAt" DESC LIMIT 1`,
  );
  expect(gift).toBeDefined();
  // The dispute's events as Stripe signs them: opened two days ago, lost yesterday.
  const now = Math.floor(Date.now() / 1000);
  const dispute = (status: string) => ({
    id: `dp_e2e_${gift!.pi.slice(-12)}`,
    object: "dispute",
    amount: gift!.amount,
    charge: `ch_e2e_${gift!.pi.slice(-12)}`,
    created: now - 2 * 86_400,
    currency: gift!.currency.toLowerCase(),
    payment_intent: gift!.pi,
    reason: "fraudulent",
    status,
    metadata: {},
    livemode: false,
    balance_transactions: [],
  });
  for (const [type, status, created] of [
    ["charge.dispute.created", "needs_response", now - 2 * 86_400],
    ["charge.dispute.closed", "lost", now - 86_400],
  ] as const) {
    const payload = JSON.stringify({
      id: `evt_e2e_${type}_${gift!.pi.slice(-12)}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created,
      livemode: false,
      type,
      data: { object: dispute(status) },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRETS.STRIPE_WEBHOOK_SECRET,
    });
    const answer = await page.request.post("/api/stripe/webhook", {
      headers: { "content-type": "application/json", "stripe-signature": signature },
      data: payload,
    });
    expect(answer.status()).toBe(200);
  }
  const amount = formatMoney(gift!.amount, gift!.currency);

  await page.goto(`/dashboard/payments?q=${encodeURIComponent(gift!.email)}`);
  await expect(
    page.getByTestId("payments").locator('[data-field="dispute"]').filter({ hasText: "Lost" }),
  ).toHaveText(`Lost: ${amount} (fraudulent)`);

  await page.goto(`/dashboard/supporters/${gift!.supporterId}`);
  await expect(page.getByTestId("timeline")).toContainText(
    "Dispute lost (fraudulent) of a one-time gift",
  );
  await expect(page.getByTestId("timeline")).toContainText(
    "Dispute opened (fraudulent) of a one-time gift",
  );

  const [lost] = await query<{ amount: string }>(
    `SELECT sum(amount) AS amount FROM "Dispute" WHERE status = 'lost' AND currency = $1 AND "lostAt" >= now() - interval '30 days' AND "lostAt" < now()`,
    [gift!.currency],
  );
  await page.goto("/dashboard?period=30d");
  await expect(
    page.locator(`tr[data-currency="${gift!.currency}"] [data-field="disputesLost"]`),
  ).toHaveText(formatMoney(Number(lost!.amount), gift!.currency));
});
