import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import {
  askHeading,
  DAY_MS,
  funnel,
  setServerClock,
  settledFunnel,
  waitForFunnelFlush,
} from "./fixtures/ask";
import { membershipsOf, query, uniqueEmail } from "./fixtures/db";
import { createSupporter, signInWithMagicLink } from "./fixtures/auth";
import { emulatorPost } from "./fixtures/emulator";

test.describe("the ask under an article", () => {
  test("remind me later hides it for the chosen week, then it comes back", async ({
    page,
    context,
  }) => {
    const start = new Date();
    await setServerClock(context, start);
    await page.goto("/demo/article");
    await expect(askHeading(page)).toBeVisible();

    await page.getByText("Remind me later").click();
    await page.getByLabel("In a week").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("heading", { name: /we will ask again on/ })).toBeVisible();

    await page.reload();
    await expect(
      page.getByRole("heading", { name: "City council delays vote on transit budget" }),
    ).toBeVisible();
    await expect(askHeading(page)).toHaveCount(0);

    await setServerClock(context, new Date(start.getTime() + 6 * DAY_MS));
    await page.reload();
    await expect(askHeading(page)).toHaveCount(0);

    await setServerClock(context, new Date(start.getTime() + 7 * DAY_MS + 60_000));
    await page.reload();
    await expect(askHeading(page)).toBeVisible();
  });

  test("remind me later works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByLabel("Tomorrow").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page).toHaveURL(/\/demo\/article$/);
    await expect(askHeading(page)).toHaveCount(0);
    await context.close();
  });

  test("asking for a reminder needs explicit consent", async ({ page }) => {
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByLabel("Email me a reminder (optional)").fill("reader@example.com");
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    // The browser's own check on the required consent box stops the submission.
    await expect(askHeading(page)).toBeVisible();
    await page.getByLabel(/I agree to receive one reminder email/).check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByText(/Check your inbox to confirm the reminder/)).toBeVisible();
    const rows = await query<{ email: string; confirmedAt: Date | null }>(
      `SELECT email, "confirmedAt" FROM "Reminder" WHERE email = 'reader@example.com'`,
    );
    expect(rows).toEqual([{ email: "reader@example.com", confirmedAt: null }]);
  });

  test("without JavaScript: a reminder to an address is sent only after the link mailed to it is confirmed", async ({
    browser,
  }) => {
    const email = uniqueEmail("no-js-reminder");
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Asked yesterday for "tomorrow": once confirmed it is due now, so the job's run below sends it.
    await setServerClock(context, new Date(Date.now() - 30 * 60 * 60 * 1000));
    const page = await context.newPage();
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByLabel("Tomorrow").check();
    await page.getByLabel("Email me a reminder (optional)").fill(email);
    await page.getByLabel(/I agree to receive one reminder email/).check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox to confirm" })).toBeVisible();

    // Not confirmed yet: the job sends nothing to it.
    execFileSync("npx", ["tsx", "scripts/jobs/reminders.ts"], { env: process.env, stdio: "pipe" });
    const reminderMails = async () =>
      (
        await query(
          `SELECT 1 FROM "CapturedMail" WHERE "to" = $1 AND subject LIKE 'Your reminder%'`,
          [email],
        )
      ).length;
    expect(await reminderMails()).toBe(0);

    // The link from the mailbox opens a page (a mail scanner opening it confirms nothing); its button confirms.
    await page.goto("/dev/mailbox");
    const mail = page.getByRole("article").filter({ hasText: `To ${email}` });
    await expect(mail.getByRole("heading", { name: /Confirm your reminder/ })).toBeVisible();
    const link = (await mail.getByRole("link").first().getAttribute("href"))!;
    expect(await (await context.request.get(link)).text()).toContain("Yes, send the reminder");
    expect(
      (
        await query<{ confirmedAt: Date | null }>(
          `SELECT "confirmedAt" FROM "Reminder" WHERE email = $1`,
          [email],
        )
      )[0]!.confirmedAt,
    ).toBeNull();
    await page.goto(link);
    await page.getByRole("button", { name: "Yes, send the reminder" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Confirmed. We will send you one reminder email",
    );

    execFileSync("npx", ["tsx", "scripts/jobs/reminders.ts"], { env: process.env, stdio: "pipe" });
    expect(await reminderMails()).toBe(1);
    await context.close();
  });

  test("a signed-in reader's reminder to their own address needs no confirmation mail", async ({
    page,
  }) => {
    const email = uniqueEmail("own-reminder");
    await createSupporter(email);
    await signInWithMagicLink(page, email);
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByLabel("Email me a reminder (optional)").fill(email);
    await page.getByLabel(/I agree to receive one reminder email/).check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByText(/We will send you one reminder email that day/)).toBeVisible();
    expect(
      await query(`SELECT 1 FROM "Reminder" WHERE email = $1 AND "confirmedAt" IS NOT NULL`, [
        email,
      ]),
    ).toHaveLength(1);
    expect(
      await query(
        `SELECT 1 FROM "CapturedMail" WHERE "to" = $1 AND subject LIKE 'Confirm your reminder%'`,
        [email],
      ),
    ).toHaveLength(0);
  });

  test("a forged or tampered cookie is ignored: the reader is treated as new", async ({
    page,
    context,
  }) => {
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("heading", { name: /we will ask again on/ })).toBeVisible();

    const cookie = (await context.cookies()).find((c) => c.name === "rr_reader")!;
    const [body, mac] = cookie.value.split(".") as [string, string];
    const state = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...state, d: 4_000_000_000 })).toString(
      "base64url",
    );
    for (const value of [`${tampered}.${mac}`, "not-a-cookie", `${body}.AAAA`]) {
      await context.addCookies([{ ...cookie, value }]);
      await page.reload();
      await expect(askHeading(page)).toBeVisible();
    }
  });

  test("has no accessibility violations, including the remind-me-later form", async ({ page }) => {
    await page.goto("/demo/article");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByText("Remind me later").click();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
});

test.describe("supporters are recognised", () => {
  test("after paying, the browser is thanked instead of asked; when the membership ends it is asked to renew", async ({
    page,
  }) => {
    const email = uniqueEmail("recognised");
    const before = await settledFunnel("article");
    await page.goto("/demo/article");
    await expect(askHeading(page)).toBeVisible();
    await page.getByRole("radio", { name: "$10/month", exact: true }).check();
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Rita Reader");
    const recognised = page.waitForResponse((r) => r.url().endsWith("/api/ask/recognise"));
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await expect(page.getByText("Your payment is confirmed.")).toBeVisible();
    expect((await recognised).status()).toBe(200);

    await page.goto("/demo/article");
    await expect(page.getByText(/Thank you for supporting/)).toBeVisible();
    await expect(askHeading(page)).toHaveCount(0);

    const [membership] = await membershipsOf(email);
    await emulatorPost(`subscriptions/${membership!.stripeSubscriptionId}/cancel`);
    await emulatorPost("deliveries/flush");
    await page.reload();
    await expect(page.getByRole("heading", { name: /Renew your support/ })).toBeVisible();

    // Impressions are written about once a second (lib/ask/funnel-buffer.ts).
    await expect
      .poll(async () => (await funnel("article")).impressions - before.impressions)
      .toBe(1);
    const after = await funnel("article");
    expect(after.continues - before.continues).toBe(1);
    expect(after.checkouts - before.checkouts).toBe(1);
    expect(after.completions - before.completions).toBe(1);
  });
});

test("a reader who cancels an article's checkout and pays on coming back is counted for the article's ask", async ({
  page,
}) => {
  const [article, supportPage] = [await settledFunnel("article"), await funnel("support-page")];
  await page.goto("/demo/article");
  await expect(askHeading(page)).toBeVisible();
  await page.getByRole("radio", { name: "Once", exact: true }).check();
  await page.locator("button.continue").click();
  await page.getByRole("link", { name: "Cancel and return" }).click();
  await expect(page.getByText(/nothing was charged/)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/demo/article");
  await expect(page.getByRole("radio", { name: "Once", exact: true })).toBeChecked();

  await page.locator("button.continue").click();
  await page.getByLabel("Email").fill(uniqueEmail("came-back"));
  await page.getByLabel("Name").fill("Rita Reader");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Your payment is confirmed.")).toBeVisible();

  // Back on the article the ask is shown (and counted) again; impressions are written about once a second.
  await expect
    .poll(async () => (await funnel("article")).impressions - article.impressions)
    .toBe(2);
  await waitForFunnelFlush(); // the support page's impressions, had there been any, are written too
  const [articleAfter, supportAfter] = [await funnel("article"), await funnel("support-page")];
  expect(articleAfter.continues - article.continues).toBe(2);
  expect(articleAfter.checkouts - article.checkouts).toBe(2);
  expect(articleAfter.completions - article.completions).toBe(1);
  expect(supportAfter).toEqual(supportPage);
});

test("beacons from crawlers, previewers and scripts do not count in the funnel; a reader's does", async ({
  request,
}) => {
  const event = { type: "impression", surface: "article", variant: "default" };
  const before = await settledFunnel("article");
  for (const agent of [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36",
    "python-requests/2.32.3",
  ]) {
    const response = await request.post("/api/ask/event", {
      data: event,
      headers: { "user-agent": agent },
    });
    expect(response.status()).toBe(204);
  }
  // The reader's beacon (the suite's desktop Chrome agent) is written after the crawlers' ones.
  expect((await request.post("/api/ask/event", { data: event })).status()).toBe(204);
  await expect
    .poll(async () => (await funnel("article")).impressions - before.impressions)
    .toBeGreaterThanOrEqual(1);
  expect((await funnel("article")).impressions - before.impressions).toBe(1);
});

test.describe("remind me later follows the reader", () => {
  test("a remind-later made anonymously attaches on sign-in and hides the ask on another device", async ({
    browser,
  }) => {
    const email = uniqueEmail("two-devices");
    await createSupporter(email);

    const laptop = await browser.newContext();
    const page = await laptop.newPage();
    await page.goto("/demo/article");
    await page.getByText("Remind me later").click();
    await page.getByLabel("In a month").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("heading", { name: /we will ask again on/ })).toBeVisible();
    await signInWithMagicLink(page, email);
    const attached = await query<{ n: string }>(
      `SELECT count(*) AS n FROM "RemindLater" d JOIN "Supporter" s ON s.id = d."supporterId" WHERE s.email = $1`,
      [email],
    );
    expect(Number(attached[0]!.n)).toBe(1);

    const phone = await browser.newContext();
    const other = await phone.newPage();
    await other.goto("/demo/article");
    await expect(askHeading(other)).toBeVisible();
    await signInWithMagicLink(other, email);
    await other.goto("/demo/article");
    await expect(askHeading(other)).toHaveCount(0);
    await laptop.close();
    await phone.close();
  });
});
