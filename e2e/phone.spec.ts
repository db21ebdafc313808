import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { APP_URL } from "../playwright.config";
import { createSupporter, payMonthly, signInWithMagicLink } from "./fixtures/auth";
import { query } from "./fixtures/db";
import { seedDemoHistoryOnce, withAdminSession } from "./fixtures/staff";

// Issue 11, point 11 (the staff side): the dashboard at phone width, our own 404 page, a favicon.

test.beforeAll(seedDemoHistoryOnce);
withAdminSession();

const PHONE = { width: 390, height: 844 };

/** How far the page is wider than the screen (0 when nothing overflows). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("the dashboard at 390 px: nothing wider than the screen, tables scroll from the keyboard, axe clean", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  for (const path of [
    "/dashboard?period=365d",
    "/dashboard/payments",
    "/dashboard/supporters",
    "/dashboard/staff",
    "/dashboard/funnel",
    // A supporter's page, with the longest address there is (it once widened the page to 447 px).
    `/dashboard/supporters/${(await query<{ id: string }>(`SELECT id FROM "Supporter" WHERE email IS NOT NULL ORDER BY length(email) DESC LIMIT 1`))[0]!.id}`,
  ]) {
    await page.goto(path);
    expect(await overflow(page), path).toBe(0);
    expect((await new AxeBuilder({ page }).analyze()).violations, path).toEqual([]);
  }

  // A table wider than the phone scrolls in a region a keyboard can reach, named by its caption.
  await page.goto("/dashboard/payments");
  const region = page.getByRole("region", { name: "Payments matching the filters" });
  await expect(region).toHaveAttribute("tabindex", "0");
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});

test("the overview's charts fit a phone and their axis labels do not overlap", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/dashboard?period=365d");
  const charts = page.locator("figure.chart");
  expect(await charts.count()).toBeGreaterThan(1);
  for (const chart of await charts.all()) {
    const box = (await chart.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // Ticks must stay inside the drawing (a clipped last label is as bad as an overlap).
    await expect(chart.locator(".recharts-xAxis-tick-labels text").first()).toBeVisible();
    const drawing = (await chart.locator(".recharts-wrapper").boundingBox())!;
    for (const axis of ["xAxis", "yAxis"]) {
      const ticks = chart.locator(`.recharts-${axis}-tick-labels text`);
      const boxes = (await Promise.all((await ticks.all()).map((t) => t.boundingBox()))).filter(
        (b): b is Box => b !== null,
      );
      expect(boxes.length, axis).toBeGreaterThan(1);
      for (let i = 1; i < boxes.length; i++)
        expect(overlaps(boxes[i - 1]!, boxes[i]!), `${axis} ticks ${i - 1} and ${i}`).toBe(false);
      for (const b of boxes) {
        expect(b.x, axis).toBeGreaterThanOrEqual(drawing.x);
        expect(b.x + b.width, axis).toBeLessThanOrEqual(drawing.x + drawing.width);
      }
    }
  }
});

test("a supporter id that is not one gets our own 404 page, inside the dashboard", async ({
  page,
}) => {
  // (A path that is not UTF-8 once decoded, like %ED%A0%80, is refused before any page, by proxy.ts, with a 400.)
  for (const id of ["no-such-supporter", "x'%20OR%201=1", "%3Cscript%3E", "a".repeat(65)]) {
    const response = await page.goto(`/dashboard/supporters/${id}`);
    expect(response!.status(), id).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }), id).toHaveText("No such supporter");
    await expect(page.getByRole("navigation", { name: "Dashboard" }), id).toBeVisible();
    await expect(
      page.getByRole("link", { name: "Find them in the supporters list" }),
    ).toBeVisible();
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const response = await page.goto("/no/such/page");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Support our journalism" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("every page names a favicon, and it is served", async ({ page }) => {
  for (const path of ["/support", "/dashboard", "/no/such/page"]) {
    await page.goto(path);
    const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
    expect(href, path).toBeTruthy();
    const icon = await page.request.get(new URL(href!, APP_URL).toString());
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()["content-type"], path).toContain("image/svg+xml");
    expect(await icon.text()).toContain("<svg");
  }
});

test.describe("a reader at 390 px", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("/account: the gifts table scrolls inside its box, the page never wider than the screen", async ({
    page,
  }) => {
    const email = `phone-reader-${Date.now()}@example.com`;
    await createSupporter(email);
    await payMonthly(email, 1000, "usd");
    await page.setViewportSize(PHONE);
    await signInWithMagicLink(page, email, "/account");
    await expect(page.getByRole("heading", { name: "Your gifts" })).toBeVisible();
    expect(await overflow(page)).toBe(0);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
});
