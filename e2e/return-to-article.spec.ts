import { expect, test, type Page } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { askHeading, DAY_MS, setServerClock } from "./fixtures/ask";
import { uniqueEmail } from "./fixtures/db";
import { startHostSite, type HostSite } from "./fixtures/host-page";

/**
 * After Checkout, paid or cancelled, the reader is back on the article they were reading: recognised there as a
 * supporter (on our own pages and in the embed on another site, whatever browser key started the checkout), or
 * shown the ask again with the choice they had made.
 */
let site: HostSite;
test.beforeAll(async () => {
  site = await startHostSite(APP_URL);
});
test.afterAll(async () => {
  await site.close();
});

async function pay(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Rita Reader");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
}

const embedState = (page: Page) => page.locator("#support-box [data-rr-ask]");

test.describe("back to the article after Checkout", () => {
  test("a reader who pays from the embed is thanked in the embed and on our pages, not asked again", async ({
    page,
  }) => {
    await page.goto(site.articleUrl);
    await expect(embedState(page)).toHaveAttribute("data-rr-ask", "ask");
    await page.getByRole("radio", { name: "$10/month", exact: true }).check();
    await page.locator("#support-box button.continue").click();
    await pay(page, uniqueEmail("embed-payer"));

    await expect(page.getByRole("heading", { name: /Thank you for supporting/ })).toBeFocused();
    // Our own pages know this browser now, though the embed's partitioned key started the checkout.
    const own = await page.request.get(`${APP_URL}/api/ask?surface=article`);
    expect(await own.json()).toMatchObject({ show: false, variant: "thanks" });

    await page.getByRole("link", { name: "Back to the article" }).click();
    await expect(page).toHaveURL(site.articleUrl); // the token is taken out of the address bar
    await expect(embedState(page)).toHaveAttribute("data-rr-ask", "thanks");
    await page.reload();
    await expect(embedState(page)).toHaveAttribute("data-rr-ask", "thanks");
    await expect(page.getByRole("heading", { name: /A Message from/ })).toHaveCount(0);
  });

  test("a reader who pays from the iframe fallback is thanked in the frame back on the article", async ({
    page,
  }) => {
    await page.goto(site.iframeUrl);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("button", { name: /Continue|Support/ }).click();
    await pay(page, uniqueEmail("frame-payer"));
    await page.getByRole("link", { name: "Back to the article" }).click();
    await expect(page).toHaveURL(site.iframeUrl);
    await expect(frame.locator("[data-rr-ask]")).toHaveAttribute("data-rr-ask", "thanks");
  });

  test("a reader who cancels Checkout from the embed is back on the article with their choice", async ({
    page,
  }) => {
    await page.goto(site.articleUrl);
    await page.getByLabel("Currency").selectOption("GBP");
    await page.getByRole("radio", { name: "Annual", exact: true }).check();
    await page.getByRole("radio", { name: "£250/year", exact: true }).check();
    await page.locator("#support-box button.continue").click();
    await page.getByRole("link", { name: "Cancel and return" }).click();

    await expect(page).toHaveURL(site.articleUrl);
    await expect(page.getByText("You left checkout before paying")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "£250/year", exact: true })).toBeChecked();
  });

  test("a reader who cancels Checkout from our article is back on it, the ask showing their choice", async ({
    page,
  }) => {
    await page.goto("/demo/article");
    await page.getByRole("radio", { name: "Annual", exact: true }).check();
    await page.getByRole("radio", { name: "$100/year", exact: true }).check();
    await page.locator("button.continue").click();
    await page.getByRole("link", { name: "Cancel and return" }).click();

    await expect(page).toHaveURL(/\/demo\/article\?cancelled=1/);
    await expect(page.getByText("You left checkout before paying")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "$100/year", exact: true })).toBeChecked();
  });

  test("after paying, the thank-you page offers the way back and to manage the gift", async ({
    page,
  }) => {
    await page.goto("/demo/article");
    await page.locator("button.continue").click();
    await pay(page, uniqueEmail("back-link"));
    await expect(page.getByRole("heading", { name: /Thank you for supporting/ })).toBeFocused();
    await expect(page.getByRole("link", { name: "Manage my support" })).toHaveAttribute(
      "href",
      "/account",
    );
    await page.getByRole("link", { name: "Back to the article" }).click();
    await expect(page).toHaveURL(/\/demo\/article$/);
    await expect(page.getByText(/Thank you for supporting/)).toBeVisible();
    await expect(askHeading(page)).toHaveCount(0);
  });
});

test.describe("a deferred ask", () => {
  test("comes back with the choice the reader had made", async ({ page, context }) => {
    const start = new Date();
    await setServerClock(context, start);
    await page.goto("/demo/article");
    await page.getByRole("radio", { name: "Annual", exact: true }).check();
    await page.getByRole("radio", { name: "$100/year", exact: true }).check();
    await page.getByText("Remind me later").click();
    await page.getByLabel("In a week").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page.getByText(/we will ask again on/)).toBeVisible();

    await setServerClock(context, new Date(start.getTime() + 8 * DAY_MS));
    await page.reload();
    await expect(askHeading(page)).toBeVisible();
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "$100/year", exact: true })).toBeChecked();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a deferred ask comes back with the choice made on the page", async ({ page, context }) => {
    const start = new Date();
    await setServerClock(context, start);
    await page.goto("/demo/article");
    await page.getByRole("radio", { name: "Annual", exact: true }).check();
    await page.getByRole("radio", { name: "$250/year", exact: true }).check();
    await page.getByText("Remind me later").click();
    await page.getByLabel("In a week").check();
    await page.getByRole("button", { name: "Remind me", exact: true }).click();
    await expect(page).toHaveURL(/\/demo\/article/);
    await expect(askHeading(page)).toHaveCount(0);

    await setServerClock(context, new Date(start.getTime() + 8 * DAY_MS));
    await page.reload();
    await expect(askHeading(page)).toBeVisible();
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "$250/year", exact: true })).toBeChecked();
  });

  test("a reader who pays from the article is recognised there", async ({ page }) => {
    await page.goto("/demo/article");
    await page.locator("button.continue").click();
    await pay(page, uniqueEmail("nojs-payer"));
    await expect(page.getByRole("heading", { name: /Thank you for supporting/ })).toBeVisible();
    await page.getByRole("link", { name: "Back to the article" }).click();
    await expect(page.getByText(/Thank you for supporting/)).toBeVisible();
    await expect(askHeading(page)).toHaveCount(0);
  });
});
