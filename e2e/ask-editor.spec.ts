import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { query } from "./fixtures/db";
import { startHostSite, type HostSite } from "./fixtures/host-page";
import { ensureDemoAdmin, withAdminSession } from "./fixtures/staff";

/**
 * The newsroom edits its own ask: a draft, its preview, publishing, what readers see on the article, /support and
 * the embed, and a rollback. Every other spec expects the built-in ask, so this file leaves none published.
 */
let site: HostSite;
test.beforeAll(async () => {
  // Other specs before this one may have made payments, so a "seed once" would not run: the admin alone.
  ensureDemoAdmin();
  site = await startHostSite(APP_URL);
});

async function backToBuiltInAsk() {
  await query(`TRUNCATE "AskVersion", "AskDraft" RESTART IDENTITY`);
  // Every instance re-checks within seconds; wait until this one serves the built-in ask again.
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${APP_URL}/api/ask/config`)).json()) as { version: number }).version,
      {
        timeout: 15_000,
      },
    )
    .toBe(0);
}
test.beforeEach(backToBuiltInAsk);
test.afterAll(async () => {
  await backToBuiltInAsk();
  await site.close();
});

withAdminSession();

const PUBLICATION = "The Independent Ledger";

/** A reader's fresh browser: its article's ask heading, polled until it says `heading`. */
async function readerSees(browser: Browser, url: string, heading: string) {
  const reader = await browser.newContext();
  const page = await reader.newPage();
  await expect
    .poll(
      async () => {
        await page.goto(url);
        return page
          .getByRole("heading", { level: url.includes("/support") ? 1 : 2 })
          .first()
          .textContent();
      },
      { timeout: 15_000 },
    )
    .toContain(heading);
  return { page, close: () => reader.close() };
}

/** The host site's embed, reloaded until its ask says `heading` (a version reaches it within seconds). */
async function embedSees(page: Page, heading: string) {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.locator("[data-rr-ask]:not([data-rr-ask=loading])").waitFor();
        return page.getByRole("heading", { name: heading }).count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
}

async function editHeading(page: Page, heading: string) {
  await page.goto("/dashboard/ask");
  await page.getByLabel("Heading").first().fill(heading);
}

test("staff edit the ask, preview the draft, publish it for every surface, and roll back", async ({
  page,
  browser,
}) => {
  await editHeading(page, "Keep {publication} independent");
  await page.getByLabel("Presets").nth(1).fill("7, 15, 30"); // USD monthly
  await page.getByLabel("Default", { exact: true }).nth(1).fill("15");
  await page.getByLabel("Recommended").nth(1).fill("15");
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page.getByRole("status")).toContainText("Draft saved");

  // The preview draws the real ask with the draft, at desktop and phone widths.
  for (const name of ["desktop", "phone"]) {
    const frame = page.frameLocator(`iframe[title^="Preview at ${name} width"]`);
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(
      `Keep ${PUBLICATION} independent`,
    );
    await expect(frame.getByText("$15/month Recommended")).toBeVisible();
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // A draft is not published: readers still see the built-in ask.
  const before = await readerSees(browser, "/demo/article", `A Message from ${PUBLICATION}`);
  await before.close();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Published as version 1");

  const article = await readerSees(browser, "/demo/article", `Keep ${PUBLICATION} independent`);
  await expect(article.page.getByText("$15/month Recommended")).toBeVisible();
  await expect(article.page.getByRole("button", { name: "Support $15/month" })).toBeVisible();
  await article.close();
  const support = await readerSees(browser, "/support", `Keep ${PUBLICATION} independent`);
  await support.close();

  // The embed on another site fetches the version the decision names, even with an older config cached.
  const host = await browser.newContext();
  const hostPage = await host.newPage();
  await hostPage.goto(site.articleUrl);
  await embedSees(hostPage, `Keep ${PUBLICATION} independent`);
  await expect(hostPage.getByRole("radio", { name: "$15/month · Recommended" })).toBeVisible();

  // A second version, then the first restored: readers are back on it, and the history says so.
  await editHeading(page, "Second thoughts at {publication}");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Published as version 2");
  await (await readerSees(browser, "/demo/article", `Second thoughts at ${PUBLICATION}`)).close();
  await embedSees(hostPage, `Second thoughts at ${PUBLICATION}`);

  await page.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Version 1 restored and published as version 3",
  );
  await expect(page.getByRole("row", { name: /3 \(live\).*Restored version 1/ })).toBeVisible();
  await (await readerSees(browser, "/demo/article", `Keep ${PUBLICATION} independent`)).close();
  await embedSees(hostPage, `Keep ${PUBLICATION} independent`);
  await host.close();
});

test("a problem is named by its field, the draft is kept and nothing is published", async ({
  page,
  browser,
}) => {
  await editHeading(page, "");
  await page.getByLabel("Presets").first().fill("1, 25"); // USD once: $1 is below the $2 minimum
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert").first()).toContainText("fix the problems listed below");
  const problems = page.getByRole("region", { name: /things to fix/ });
  await expect(problems.getByRole("link", { name: "English: Write the heading." })).toBeVisible();
  await expect(
    problems.getByRole("link", {
      name: "The USD one-time preset $1 is outside its limits ($2 to $10,000).",
    }),
  ).toBeVisible();
  // The draft is kept as typed, and the field says what is wrong with it.
  await expect(page.getByLabel("Presets").first()).toHaveValue("1, 25");
  await expect(page.getByLabel("Presets").first()).toHaveAttribute("aria-invalid", "true");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const [versions] = await query<{ n: string }>(`SELECT count(*) AS n FROM "AskVersion"`);
  expect(Number(versions?.n)).toBe(0);
  await (await readerSees(browser, "/demo/article", `A Message from ${PUBLICATION}`)).close();
});

test("a Russian reader reads the ask in Russian, and Checkout opens in Russian", async ({
  browser,
}) => {
  const reader = await browser.newContext({ locale: "ru-RU" });
  const page = await reader.newPage();
  await page.goto("/demo/article");
  await expect(page.getByRole("heading", { name: `Обращение от ${PUBLICATION}` })).toBeVisible();
  await expect(page.getByText("Дорогие читатели,")).toBeVisible();
  await expect(page.getByText("Напомнить позже")).toBeVisible();
  await page.getByRole("button", { name: /\$10\/month/ }).click();
  await expect(page.locator("[data-checkout-locale]")).toHaveAttribute(
    "data-checkout-locale",
    "ru",
  );
  await reader.close();
});
