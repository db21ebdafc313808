import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { DAY_MS, funnel, settledFunnel } from "./fixtures/ask";
import { query } from "./fixtures/db";
import { startHostSite, type HostSite } from "./fixtures/host-page";

/**
 * The embeddable ask on a page served by another site (http://localhost:<port>, cross-site to the app at
 * http://127.0.0.1:<port>), in Chromium's default cookie policy for a fresh context: third-party cookies are
 * blocked, partitioned (CHIPS) cookies are kept per top-level site.
 */
let site: HostSite;
test.beforeAll(async () => {
  site = await startHostSite(APP_URL);
});
test.afterAll(async () => {
  await site.close();
});

const HOST_PARTITION = "http://localhost";
const askHeading = (page: Page) =>
  page.getByRole("heading", { name: "A Message from The Independent Ledger" });

/** Resolves once the embed has asked the app whether to show the ask. */
function decision(page: Page) {
  return page.waitForResponse(
    (r) => r.url().startsWith(`${APP_URL}/api/ask?`) && r.request().method() === "GET",
  );
}

/** The test clock, as a cookie the embed's cross-site requests carry: partitioned under the host site. */
async function setEmbedClock(context: BrowserContext, at: Date): Promise<void> {
  // With url instead of domain and path, Chromium 156 refuses a partitioned cookie ("Invalid cookie fields").
  const app = new URL(APP_URL);
  await context.addCookies([
    {
      name: "rr_test_now",
      value: String(at.getTime()),
      domain: app.hostname,
      path: "/",
      secure: true,
      sameSite: "None",
      partitionKey: HOST_PARTITION,
    },
  ]);
}

test.describe("the embeddable ask on another site", () => {
  test("this browser blocks third-party cookies and keeps partitioned ones", async ({ page }) => {
    await page.goto(site.articleUrl);
    const sent = await page.evaluate(async (probe) => {
      await fetch(`${probe}/set`, { credentials: "include" });
      return (await fetch(`${probe}/echo`, { credentials: "include" })).text();
    }, site.probeUrl);
    // (Cookies ignore ports: the app's own cookie on 127.0.0.1, set by the embed on this page, may come along.)
    const names = sent.split("; ").map((pair) => pair.split("=")[0]);
    expect(names).toContain("partitioned");
    expect(names).not.toContain("unpartitioned");
  });

  test("shows the ask, passes axe, and 'remind me later' hides it on this site until the week has passed", async ({
    page,
    context,
  }, testInfo) => {
    const start = new Date();
    await setEmbedClock(context, start);
    const before = await settledFunnel("embed");
    const asked = decision(page);
    await page.goto(site.articleUrl);
    expect(await (await asked).json()).toMatchObject({
      show: true,
      variant: "default",
      surface: "embed",
    });
    await expect(askHeading(page)).toBeVisible();
    await expect(page.locator("#support-box [data-rr-ask]")).toHaveAttribute("data-rr-ask", "ask");
    await expect(page.getByRole("radio", { name: "Monthly", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "$10/month", exact: true })).toBeChecked();
    const marks = page.getByRole("list", { name: "We accept:" }).getByRole("img");
    await expect(marks).toHaveCount(6);
    for (const [i, name] of [
      "Visa",
      "Mastercard",
      "American Express",
      "Apple Pay",
      "Google Pay",
      "Link",
    ].entries())
      await expect(marks.nth(i)).toHaveAccessibleName(name);
    // The host's `button { background: hotpink }` stays outside the shadow root.
    await expect(page.getByRole("button", { name: /^(Support|Continue to payment)/ })).toHaveCSS(
      "background-color",
      "rgb(26, 26, 26)",
    );
    await page.screenshot({ path: testInfo.outputPath("embed-on-host.png"), fullPage: true });

    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByText("Remind me later").click();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // The reader's cookie is the partitioned one, kept under the host site; no unpartitioned cookie exists.
    const readerCookies = (await context.cookies(APP_URL)).filter((c) =>
      c.name.startsWith("rr_reader"),
    );
    expect(readerCookies).toEqual([
      expect.objectContaining({
        name: "rr_reader_x",
        partitionKey: HOST_PARTITION,
        httpOnly: true,
        secure: true,
        sameSite: "None",
      }),
    ]);
    await expect.poll(async () => (await funnel("embed")).impressions).toBe(before.impressions + 1);

    await page.getByLabel("In a week").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    const week = new Intl.DateTimeFormat("en", { dateStyle: "long" }).format(
      new Date(start.getTime() + 7 * DAY_MS),
    );
    await expect(page.getByRole("status")).toHaveText(`Thanks — we'll ask again on ${week}.`);
    await expect(askHeading(page)).toHaveCount(0);
    const [remindLater] = await query<{ until: Date }>(
      `SELECT until FROM "RemindLater" WHERE surface = 'embed' ORDER BY "createdAt" DESC LIMIT 1`,
    );
    expect(Math.abs(remindLater!.until.getTime() - (start.getTime() + 7 * DAY_MS))).toBeLessThan(
      60_000,
    );
    await expect
      .poll(async () => (await funnel("embed")).remindLaters)
      .toBe(before.remindLaters + 1);

    // Reloading the host page: the embed's cross-site request carries the partitioned cookie, so no ask.
    let hidden = decision(page);
    await page.reload();
    expect(await (await hidden).json()).toMatchObject({ show: false, reason: "remind-later" });
    await expect(page.locator("#support-box [data-rr-ask]")).toHaveAttribute(
      "data-rr-ask",
      "hidden",
    );
    await expect(askHeading(page)).toHaveCount(0);

    // Six days on it is still hidden; just past the week it is back.
    await setEmbedClock(context, new Date(start.getTime() + 6 * DAY_MS));
    hidden = decision(page);
    await page.reload();
    expect(await (await hidden).json()).toMatchObject({ show: false, reason: "remind-later" });
    await setEmbedClock(context, new Date(start.getTime() + 7 * DAY_MS + 60_000));
    await page.reload();
    await expect(askHeading(page)).toBeVisible();

    // The remind-later belongs to this site's partition: the app's own pages (first-party cookie) still ask.
    const own = await page.goto(`${APP_URL}/api/ask?surface=article`);
    expect(await own!.json()).toMatchObject({ show: true });
  });

  test("Continue with a preset goes to the emulator's checkout with that amount", async ({
    page,
  }) => {
    await page.goto(site.plainUrl);
    await expect(askHeading(page)).toBeVisible();
    // Without data-target the ask sits right after the script tag.
    await expect(page.locator("main > script + [data-rr-ask]")).toHaveCount(1);
    await page.getByLabel("Currency").selectOption("GBP");
    await page.getByRole("radio", { name: "Annual", exact: true }).check();
    await page.getByRole("radio", { name: "£250/year", exact: true }).check();
    const continues = (await funnel("embed")).continues;
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();

    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    await expect(page.getByText("Total (GBP, per year)")).toBeVisible();
    await expect(page.locator("dd.total")).toHaveText("£250.00");
    const [attempt] = await query<{
      surface: string;
      amount: number;
      currency: string;
      frequency: string;
    }>(
      `SELECT surface, amount, currency, frequency FROM "CheckoutAttempt" ORDER BY "createdAt" DESC LIMIT 1`,
    );
    expect(attempt).toEqual({
      surface: "embed",
      amount: 25000,
      currency: "GBP",
      frequency: "ANNUAL",
    });
    await expect.poll(async () => (await funnel("embed")).continues).toBe(continues + 1);
  });

  test("an amount out of range is explained inline, then a typed amount goes to checkout", async ({
    page,
  }) => {
    await page.goto(site.articleUrl);
    await expect(askHeading(page)).toBeVisible();
    const other = page.getByLabel("Other amount (USD)");
    await expect(other).toBeHidden(); // until "Other" is picked
    await page.getByRole("radio", { name: "Other", exact: true }).check();
    await other.fill("1");
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.getByRole("alert")).toHaveText("A monthly gift must be at least $2.");
    await expect(other).toHaveAttribute("aria-invalid", "true");
    await expect(other).toBeFocused();
    await expect(page).toHaveURL(site.articleUrl);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // Keyboard only: type a valid amount and submit with Enter.
    await other.fill("15.50");
    await expect(page.getByRole("alert")).toHaveCount(0);
    await other.press("Enter");
    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    await expect(page.locator("dd.total")).toHaveText("$15.50");
  });

  test("can be completed from the keyboard alone", async ({ page }) => {
    await page.goto(site.articleUrl);
    await expect(askHeading(page)).toBeVisible();
    await page.keyboard.press("Tab"); // the host page has nothing focusable before the ask
    await expect(page.getByRole("radio", { name: "Monthly", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Currency")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("radio", { name: "$100/year", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "$250/year", exact: true })).toBeChecked();
    await page.keyboard.press("Tab"); // "Other amount" shows only once "Other" is picked
    await expect(
      page.getByRole("button", { name: /^(Support|Continue to payment)/ }),
    ).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Total (USD, per year)")).toBeVisible();
    await expect(page.locator("dd.total")).toHaveText("$250.00");
  });

  test("draws what the decision says: the renew wording, a one-line thank-you, or nothing", async ({
    page,
  }) => {
    // The decision stands in for a lapsed member, a supporter and a capped reader; the drawing is the embed's.
    const answers = [
      { show: true, variant: "renew", reason: "ask" },
      { show: false, variant: "thanks", reason: "supporter" },
      { show: false, variant: "default", reason: "capped" },
    ];
    let answer = answers[0];
    await page.route(`${APP_URL}/api/ask?surface=embed`, (route) =>
      route.fulfill({
        json: { ...answer, surface: "embed" },
        headers: {
          "Access-Control-Allow-Origin": new URL(site.articleUrl).origin,
          "Access-Control-Allow-Credentials": "true",
        },
      }),
    );
    const impression = page.waitForRequest((r) => r.url() === `${APP_URL}/api/ask/event`);
    await page.goto(site.articleUrl);
    await expect(
      page.getByRole("heading", { name: "Renew your support for The Independent Ledger" }),
    ).toBeVisible();
    await expect(page.getByText("Your membership has ended.", { exact: false })).toBeVisible();
    expect((await impression).postDataJSON()).toEqual({
      type: "impression",
      surface: "embed",
      variant: "renew",
    });
    await expect(page.locator("input[name=variant]")).toHaveValue("renew");

    answer = answers[1];
    await page.reload();
    await expect(
      page.getByText("Thank you for supporting The Independent Ledger.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Support|Continue to payment)/ })).toHaveCount(
      0,
    );
    await expect(page.locator("#support-box [data-rr-ask]")).toHaveAttribute(
      "data-rr-ask",
      "thanks",
    );

    answer = answers[2];
    await page.reload();
    await expect(page.locator("#support-box [data-rr-ask]")).toHaveAttribute(
      "data-rr-ask",
      "hidden",
    );
    await expect(askHeading(page)).toHaveCount(0);
  });

  test("a reminder email needs the consent box ticked", async ({ page }) => {
    await page.goto(site.articleUrl);
    await page.getByText("Remind me later").click();
    await page.getByLabel("Email me a reminder (optional)").fill("embed.reader@example.com");
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Tick the box to agree to one reminder email, or leave the email empty.",
    );
    await expect(askHeading(page)).toBeVisible();
    await page.getByLabel(/I agree to receive one reminder email/).check();
    await page.getByRole("radio", { name: "Tomorrow" }).check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByRole("status")).toContainText(
      "Check your inbox to confirm the reminder",
    );
    const rows = await query<{ frequency: string; currency: string; amount: number }>(
      `SELECT frequency, currency, amount FROM "Reminder" WHERE email = 'embed.reader@example.com'`,
    );
    expect(rows).toEqual([{ frequency: "MONTHLY", currency: "USD", amount: 1000 }]);
  });

  test("the iframe fallback renders the same ask without the site's chrome and passes axe", async ({
    page,
  }, testInfo) => {
    await page.goto(site.iframeUrl);
    const frame = page.frameLocator('iframe[title="Support our journalism"]');
    await expect(
      frame.getByRole("heading", { name: "A Message from The Independent Ledger" }),
    ).toBeVisible();
    await expect(frame.getByRole("link", { name: "Your account" })).toHaveCount(0);
    // The frame reports its height and the host fits it.
    await expect
      .poll(async () => (await page.locator("iframe").boundingBox())?.height ?? 0)
      .toBeGreaterThan(600);
    await page.screenshot({ path: testInfo.outputPath("iframe-on-host.png"), fullPage: true });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await page.goto(`${APP_URL}/embed/ask?surface=embed&currency=EUR`);
    await expect(page.getByRole("radio", { name: "€10/month", exact: true })).toBeChecked();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("Continue from the iframe takes the whole tab to checkout", async ({ page }) => {
    await page.goto(site.iframeUrl);
    const frame = page.frameLocator('iframe[title="Support our journalism"]');
    await frame.getByRole("radio", { name: "Once", exact: true }).check();
    await frame.getByRole("radio", { name: "$50", exact: true }).check();
    await frame.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    await expect(page.locator("dd.total")).toHaveText("$50.00");
  });

  test("'remind me later' in the iframe holds on this site", async ({ page }) => {
    await page.goto(site.iframeUrl);
    const frame = page.frameLocator('iframe[title="Support our journalism"]');
    await frame.getByText("Remind me later").click();
    await frame.getByLabel("In a week").check();
    await frame.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(frame.getByRole("status")).toContainText("we'll ask again on");
    await page.reload();
    await expect(page.frameLocator("iframe").locator("[data-rr-ask]")).toHaveAttribute(
      "data-rr-ask",
      "hidden",
    );
  });
});
