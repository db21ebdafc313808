import { expect, test, type Page } from "@playwright/test";
import { askHeading, funnel, settledFunnel, waitForFunnelFlush } from "./fixtures/ask";
import { uniqueEmail } from "./fixtures/db";

/**
 * Each step of the funnel is counted where it happens, the same way for every reader: a reader without
 * JavaScript adds one at every step, and a crawler adds none, not even for a payment it completes.
 */
async function giveOnce(page: Page, label: string): Promise<void> {
  await page.goto("/demo/article");
  await expect(askHeading(page)).toBeVisible();
  await page.locator("button.continue").click();
  await page.getByLabel("Email").fill(uniqueEmail(label));
  await page.getByLabel("Name").fill("Rita Reader");
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Thank you for supporting/ })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader is counted at every step: shown, Continue, Checkout, paid", async ({ page }) => {
    const before = await settledFunnel("article");
    await giveOnce(page, "nojs-funnel");
    await expect
      .poll(async () => (await funnel("article")).impressions)
      .toBe(before.impressions + 1);
    const after = await funnel("article");
    expect({
      continues: after.continues - before.continues,
      checkouts: after.checkouts - before.checkouts,
      completions: after.completions - before.completions,
    }).toEqual({ continues: 1, checkouts: 1, completions: 1 });
  });
});

test.describe("a crawler", () => {
  test.use({
    userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  });

  test("is counted at no step, not even for a payment it completes", async ({ page }) => {
    const before = await settledFunnel("article");
    await giveOnce(page, "bot-funnel");
    // The beacon is sent after the page loaded; once it is answered, a flush after it would have written it.
    await page.waitForLoadState("networkidle");
    await waitForFunnelFlush();
    expect(await funnel("article")).toEqual(before);
  });
});
