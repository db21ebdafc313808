import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { day } from "../components/dashboard/format";
import { formatMoney } from "../lib/ask/amounts";
import { query } from "./fixtures/db";
import { seedDemoHistoryOnce, withAdminSession } from "./fixtures/staff";

// The staff lists (issue 11, points 7 and 10): by when the money moved, with matches and totals, and bad
// filters refused in words without an unfiltered list under them.

test.beforeAll(seedDemoHistoryOnce);
withAdminSession();

const OCCURRED = `COALESCE(p."paidAt", p."createdAt")`;

test("payments are listed, filtered by day and exported by when the money moved", async ({
  page,
}) => {
  // The seed writes rows long after some of their payments (late webhooks): the two orders differ.
  const newest = await query<{ at: Date }>(
    `SELECT ${OCCURRED} AS at FROM "Payment" p ORDER BY ${OCCURRED} DESC, p.id DESC LIMIT 50`,
  );
  await page.goto("/dashboard/payments");
  const dates = page.getByTestId("payments").locator("tbody tr td:first-child");
  await expect(dates).toHaveText(newest.map((r) => day(r.at)));

  const [busiest] = await query<{ d: string; n: string }>(
    `SELECT to_char(${OCCURRED} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d, count(*) AS n FROM "Payment" p
      GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1`,
  );
  const oneDay = `?from=${busiest!.d}&to=${busiest!.d}`;
  await page.goto(`/dashboard/payments${oneDay}`);
  await expect(page.getByTestId("payments-totals").locator('[data-field="count"]')).toHaveText(
    busiest!.n,
  );
  const shown = await dates.allTextContents();
  expect(shown.length).toBe(Math.min(Number(busiest!.n), 50));
  for (const text of shown) expect(text).toBe(day(new Date(`${busiest!.d}T00:00:00Z`)));

  const csv = await page.request.get(`/api/staff/export/payments${oneDay}`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines.length - 1).toBe(Number(busiest!.n));
});

test("the lists show how many rows match and their totals per currency", async ({ page }) => {
  const want = await query<{ currency: string; n: string; amount: string; refunded: string }>(
    `SELECT currency, count(*) AS n, sum(amount) AS amount, sum("amountRefunded") AS refunded FROM "Payment"
      WHERE kind = 'RECURRING' AND status IN ('SUCCEEDED','PARTIALLY_REFUNDED','REFUNDED') GROUP BY 1 ORDER BY 1`,
  );
  expect(want.length).toBeGreaterThan(1);
  const all = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "Payment" WHERE kind = 'RECURRING'`,
  );
  await page.goto("/dashboard/payments?kind=recurring");
  const totals = page.getByTestId("payments-totals");
  await expect(totals.locator('[data-field="count"]')).toHaveText(
    Number(all[0]!.n).toLocaleString("en"),
  );
  await expect(totals.locator("li")).toHaveCount(want.length);
  for (const t of want) {
    const line = totals.locator(`li[data-currency="${t.currency}"]`);
    await expect(line).toContainText(
      `${formatMoney(Number(t.amount), t.currency)} collected in ${t.currency} from ${Number(t.n).toLocaleString("en")} payments`,
    );
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // One supporter found by address: one match, and their collected gifts per currency.
  const [giver] = await query<{ id: string; email: string }>(
    `SELECT s.id, s.email FROM "Supporter" s JOIN "Payment" p ON p."supporterId" = s.id
      WHERE p.status = 'SUCCEEDED' AND s.email IS NOT NULL GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
  );
  const gifts = await query<{ currency: string; amount: string }>(
    `SELECT currency, sum(amount) AS amount FROM "Payment"
      WHERE "supporterId" = $1 AND status IN ('SUCCEEDED','PARTIALLY_REFUNDED','REFUNDED') GROUP BY 1 ORDER BY 1`,
    [giver!.id],
  );
  await page.goto(`/dashboard/supporters?q=${encodeURIComponent(giver!.email)}`);
  const supporterTotals = page.getByTestId("supporters-totals");
  await expect(supporterTotals.locator("p")).toHaveText("1 supporter matches these filters:");
  for (const g of gifts)
    await expect(supporterTotals.locator(`li[data-currency="${g.currency}"]`)).toContainText(
      `${formatMoney(Number(g.amount), g.currency)} collected in ${g.currency}`,
    );
});

test("bad filters get a message in words and no list that looks filtered", async ({ page }) => {
  await page.goto("/dashboard/payments?from=2026-05-02&to=2026-05-01&kind=recurring");
  await expect(page.locator(".notice[role=alert]")).toHaveText(
    "To date: 2026-05-01 is before the start date 2026-05-02: swap the two dates or change one.",
  );
  await expect(page.getByTestId("payments")).toHaveCount(0);
  await expect(page.getByTestId("payments-totals")).toHaveCount(0);
  await expect(
    page.getByText("No payments are listed until the filters above are fixed."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveCount(0);
  // What was typed stays in the form, to be fixed.
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-05-02");
  await expect(page.getByLabel("to", { exact: true })).toHaveValue("2026-05-01");
  await expect(page.getByLabel("Kind")).toHaveValue("recurring");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/dashboard/supporters?status=gone&currency=XYZ&q=ana");
  await expect(page.locator(".notice[role=alert]")).toHaveText(
    // Every currency the app records: a payment in any of them can be listed.
    "Currency: Choose USD, EUR, GBP, CAD, AUD, CHF, SEK, NOK, DKK, NZD, JPY or Any. Membership: Choose one of the options the form offers.",
  );
  await expect(page.locator(".notice[role=alert]")).not.toContainText(/Invalid|expected/);
  await expect(page.getByTestId("supporters")).toHaveCount(0);
  await expect(page.getByLabel("Email or name")).toHaveValue("ana");

  // Fixing the dates lists again.
  await page.goto("/dashboard/payments?from=2026-05-02&to=2026-05-01");
  await page.getByLabel("to", { exact: true }).fill("2026-06-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator(".notice[role=alert]")).toHaveCount(0);
  await expect(page.getByTestId("payments-totals")).toBeVisible();
});
