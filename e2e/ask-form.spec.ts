import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { askHeading } from "./fixtures/ask";

/** The ask's form as a reader meets it: what Continue says, what shows when, and the same without JavaScript. */
test.describe("the ask's form", () => {
  test("Continue says what will happen, and 'Other amount' shows only once chosen", async ({
    page,
  }) => {
    await page.goto("/demo/article");
    const form = page.locator("form.ask-form");
    await expect(form.getByRole("button", { name: "Support $10/month" })).toBeVisible();
    await expect(form.getByLabel("Other amount")).toBeHidden();
    await form.getByRole("radio", { name: "Annual", exact: true }).check();
    await expect(form.getByRole("button", { name: "Support $100/year" })).toBeVisible();
    await form.getByRole("radio", { name: "Once", exact: true }).check();
    await expect(form.getByRole("button", { name: "Support with $25" })).toBeVisible();
    await form.getByRole("radio", { name: "Other", exact: true }).check();
    await expect(form.getByLabel("Other amount")).toBeVisible();
    await expect(form.getByRole("button", { name: "Continue to payment" })).toBeVisible();
    await form.getByLabel("Other amount").fill("42.50");
    await expect(form.getByRole("button", { name: "Support with $42.50" })).toBeVisible();
    await expect(page.getByText("Support us from just $2 a month")).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("fits a phone in far less than its old 1,100 px, with no violations", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/demo/article");
    const box = await page.locator("section.ask").boundingBox();
    expect(box!.height).toBeLessThan(950);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the presets and limits follow the chosen frequency, and Continue gives what is shown", async ({
      page,
    }) => {
      await page.goto("/demo/article");
      await expect(askHeading(page)).toBeVisible();
      const form = page.locator("form.ask-form");
      await expect(form.getByRole("button", { name: "Support $10/month" })).toBeVisible();
      await form.getByRole("radio", { name: "Once", exact: true }).check();
      await expect(form.getByRole("radio", { name: "$10/month" })).toHaveCount(0);
      await expect(form.getByRole("radio", { name: "$25", exact: true })).toBeChecked();
      await expect(form.getByText("One-time gifts: $2 to $10,000.")).toBeVisible();
      await expect(form.locator(".range:visible", { hasText: "Monthly gifts" })).toHaveCount(0);
      // The label drawn for the first choice would be stale now: it says what is sure.
      await expect(form.getByRole("button", { name: "Continue to payment" })).toBeVisible();
      await form.getByRole("radio", { name: "$50", exact: true }).check();
      await form.getByRole("button", { name: "Continue to payment" }).click();
      await expect(page.getByText("Test mode — no real payment")).toBeVisible();
      await expect(page.locator("dd.total")).toHaveText("$50.00");
      await expect(page.getByText(/per month/)).toHaveCount(0);
    });

    test("a changed currency shows its presets, and 'Other' its field", async ({ page }) => {
      await page.goto("/support");
      const form = page.locator("form.ask-form");
      await form.getByLabel("Currency").selectOption("EUR");
      await expect(form.getByRole("radio", { name: "€10/month", exact: true })).toBeChecked();
      await expect(form.getByLabel("Other amount")).toBeHidden();
      await form.getByRole("radio", { name: "Other", exact: true }).check();
      await form.getByLabel("Other amount").fill("12");
      await form.getByRole("button", { name: "Continue to payment" }).click();
      await expect(page.locator("dd.total")).toHaveText("€12.00");
    });
  });
});

test("the thank-you page announces its result and passes axe", async ({ page }) => {
  await page.goto("/support/thanks?session_id=cs_test_unknown");
  await expect(page.getByRole("heading", { name: "We could not find that payment" })).toBeFocused();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("a choice made before the page's script has run is kept once it runs", async ({ page }) => {
  // Hold the page's scripts back, choose with the plain form, then let them run.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/support", { waitUntil: "domcontentloaded" });
  const form = page.locator("form.ask-form");
  await form.getByLabel("Currency").selectOption("EUR");
  await form.getByRole("radio", { name: "Annual", exact: true }).check();
  await form.getByRole("radio", { name: "€250/year", exact: true }).check();
  release();
  await expect(form).toHaveAttribute("data-js", "");
  await expect(form.getByRole("button", { name: "Support €250/year" })).toBeVisible();
  await expect(form.getByRole("radio", { name: "€250/year", exact: true })).toBeChecked();
  await expect(form.getByLabel("Currency")).toHaveValue("EUR");
});
