import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { membershipsOf, paymentsOf, query, uniqueEmail } from "./fixtures/db";

async function choose(page: Page, frequency: string, currency: string, amountLabel: string) {
  await page.goto("/support");
  await page.getByLabel("Currency").selectOption(currency);
  await page.getByRole("radio", { name: frequency, exact: true }).check();
  await page.getByRole("radio", { name: amountLabel, exact: true }).check();
  await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
  await expect(page.getByText("Test mode — no real payment")).toBeVisible();
}

async function payOnEmulator(page: Page, email: string, button = "Pay") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Ada Reader");
  await page.getByRole("button", { name: button, exact: true }).click();
}

test.describe("support flow through the emulator's checkout", () => {
  test("Once 25 USD is recorded exactly once and shown on the thank-you page", async ({ page }) => {
    const email = uniqueEmail("once");
    await choose(page, "Once", "USD", "$25");
    await payOnEmulator(page, email);
    await expect(page.getByRole("heading", { name: /Thank you for supporting/ })).toBeVisible();
    await expect(page.getByText("Your payment is confirmed.")).toBeVisible();
    await expect(page.locator("dd").first()).toHaveText("$25");
    await expect(page.getByRole("link", { name: "View your receipt" })).toBeVisible();

    await page.reload(); // the success URL records nothing, however often it is opened
    await expect(page.getByText("Your payment is confirmed.")).toBeVisible();
    expect(await paymentsOf(email)).toEqual([
      {
        kind: "ONE_TIME",
        status: "SUCCEEDED",
        amount: 2500,
        currency: "USD",
        amountRefunded: 0,
        membershipId: null,
      },
    ]);
  });

  test("Monthly 10 EUR becomes an active monthly membership with one payment", async ({ page }) => {
    const email = uniqueEmail("monthly");
    await choose(page, "Monthly", "EUR", "€10/month");
    await payOnEmulator(page, email);
    await expect(page.getByText("Your payment is confirmed.")).toBeVisible();
    await expect(page.locator("dd").first()).toHaveText("€10 per month");
    await expect(page.getByText("Next payment")).toBeVisible();

    const memberships = await membershipsOf(email);
    expect(memberships).toMatchObject([
      { status: "ACTIVE", interval: "MONTH", amount: 1000, currency: "EUR" },
    ]);
    expect(await paymentsOf(email)).toEqual([
      {
        kind: "RECURRING",
        status: "SUCCEEDED",
        amount: 1000,
        currency: "EUR",
        amountRefunded: 0,
        membershipId: memberships[0]!.id,
      },
    ]);
  });

  test("Annual 100 GBP becomes an active yearly membership with one payment", async ({ page }) => {
    const email = uniqueEmail("annual");
    await choose(page, "Annual", "GBP", "£100/year");
    await payOnEmulator(page, email);
    await expect(page.getByText("Your payment is confirmed.")).toBeVisible();
    await expect(page.locator("dd").first()).toHaveText("£100 per year");

    expect(await membershipsOf(email)).toMatchObject([
      { status: "ACTIVE", interval: "YEAR", amount: 10000, currency: "GBP" },
    ]);
    expect(await paymentsOf(email)).toMatchObject([
      { kind: "RECURRING", status: "SUCCEEDED", amount: 10000, currency: "GBP" },
    ]);
  });

  test("cancelling at checkout records nothing and keeps the reader's choice", async ({ page }) => {
    const before = await query<{ n: string }>(`SELECT count(*) AS n FROM "Payment"`);
    await choose(page, "Monthly", "USD", "$20/month");
    await page.getByRole("link", { name: "Cancel and return" }).click();
    await expect(page.getByText(/nothing was charged/)).toBeVisible();
    await expect(page.getByRole("radio", { name: "Monthly", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "$20/month", exact: true })).toBeChecked();
    expect(await query(`SELECT count(*) AS n FROM "Payment"`)).toEqual(before);
  });

  test("a failed first payment leaves no active membership", async ({ page }) => {
    const email = uniqueEmail("failed");
    await choose(page, "Monthly", "USD", "$10/month");
    await payOnEmulator(page, email, "Pay by bank debit that later fails");
    await expect(
      page.getByRole("heading", { name: "Your payment did not go through" }),
    ).toBeVisible({ timeout: 20_000 });

    const memberships = await membershipsOf(email);
    expect(memberships.filter((m) => m.status === "ACTIVE")).toEqual([]);
    expect((await paymentsOf(email)).filter((p) => p.status === "SUCCEEDED")).toEqual([]);
  });

  test("a declined card shows an error on checkout and records nothing", async ({ page }) => {
    const email = uniqueEmail("declined");
    await choose(page, "Once", "USD", "$10");
    await payOnEmulator(page, email, "Pay with a card that is declined");
    await expect(page.getByText(/declined/i).first()).toBeVisible();
    expect(await paymentsOf(email)).toEqual([]);
  });
});

test.describe("the support page", () => {
  test("has no accessibility violations, with or without an error shown", async ({ page }) => {
    await page.goto("/support");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByRole("radio", { name: "Other", exact: true }).check();
    await page.getByLabel(/Other amount/).fill("1");
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.locator("#amount-error-support-page")).toHaveText(
      "A monthly gift must be at least $2.",
    );
    await expect(page.getByLabel(/Other amount/)).toHaveAttribute("aria-invalid", "true");
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("can be completed from the keyboard alone", async ({ page }) => {
    await page.goto("/support");
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // publication name
    await page.keyboard.press("Tab"); // frequency: Once (the checked radio is Monthly, so focus lands there)
    await expect(page.getByRole("radio", { name: "Monthly", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowRight"); // Annual
    await expect(page.getByRole("radio", { name: "Annual", exact: true })).toBeChecked();
    await page.keyboard.press("Tab"); // currency
    await page.keyboard.press("Tab"); // amounts group: the checked preset
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "$250/year", exact: true })).toBeChecked();
    await page.keyboard.press("Tab"); // Continue ("Other amount" shows only once "Other" is picked)
    await expect(
      page.getByRole("button", { name: /^(Support|Continue to payment)/ }),
    ).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    await expect(page.getByRole("heading", { name: /\$250/ })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("posts the form, explains a bad amount, and goes to checkout with a good one", async ({
      page,
    }) => {
      await page.goto("/support");
      await page.getByRole("radio", { name: "Once", exact: true }).check();
      await page.getByRole("radio", { name: "Other", exact: true }).check();
      await page.getByLabel(/Other amount/).fill("twenty");
      await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
      await expect(page.locator("#amount-error-support-page")).toHaveText(
        "Enter an amount in numbers, for example 15 or 15.50.",
      );
      await expect(page.getByRole("radio", { name: "Once", exact: true })).toBeChecked();

      await page.getByLabel(/Other amount/).fill("42.50");
      await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
      await expect(page.getByText("Test mode — no real payment")).toBeVisible();
      await expect(page.getByRole("heading", { name: /\$42\.50/ })).toBeVisible();
    });
  });
});
