import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createSupporter, payMonthly, sessionCookie } from "./fixtures/auth";
import { query, uniqueEmail } from "./fixtures/db";

test.describe("a reader whose browser asks for Russian", () => {
  test.use({ locale: "ru-RU" });

  test("reads the sign-in page in Russian, and /account signed out leads there", async ({
    page,
  }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Вход", exact: true })).toBeVisible();
    await expect(page.getByLabel("Адрес электронной почты")).toBeVisible();
    await expect(page.getByRole("button", { name: "Прислать ссылку для входа" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ваш аккаунт" })).toBeVisible(); // the footer
    await expect(page).toHaveTitle(/^Вход · /);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // The client-side form speaks Russian too once it has sent the link.
    const email = uniqueEmail("ru-signin");
    await page.getByLabel("Адрес электронной почты").fill(email);
    await page.getByRole("button", { name: "Прислать ссылку для входа" }).click();
    await expect(page.getByText("Проверьте почту.")).toBeVisible();
    // …and so does the mail it sent.
    const [mail] = await query<{ subject: string }>(
      `SELECT subject FROM "CapturedMail" WHERE "to" = $1`,
      [email],
    );
    expect(mail?.subject).toMatch(/^Вход в /);
  });

  test("sees their membership in Russian words, money and dates", async ({ page, context }) => {
    const email = uniqueEmail("ru-member");
    await payMonthly(email, 1000, "eur");
    const [supporter] = await query<{ id: string }>(`SELECT id FROM "Supporter" WHERE email = $1`, [
      email,
    ]);
    await sessionCookie(context, supporter!.id, email, "READER");
    await page.goto("/account");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Ваш аккаунт" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "10 € в месяц" })).toBeVisible();
    await expect(page.getByText("Действует", { exact: true })).toBeVisible();
    await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText(
      "Ежемесячное членство",
    );
    await expect(page.getByText(/^Участник с$/)).toBeVisible();
    await expect(page.getByText(/\d{4}\s?г\./).first()).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("reads the thank-you and reminder pages in Russian", async ({ page }) => {
    await page.goto("/support/thanks?session_id=cs_unknown");
    await expect(page.getByRole("heading", { name: "Мы не нашли этот платёж" })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.goto("/reminders/confirm?token=nonsense");
    await expect(page.getByRole("status")).toHaveText(
      /^Эта ссылка для подтверждения недействительна/,
    );
  });

  test("the staff dashboard stays English", async ({ page, context }) => {
    const email = uniqueEmail("ru-staff");
    await sessionCookie(context, await createSupporter(email, "STAFF"), email, "STAFF");
    await page.goto("/dashboard?lang=ru");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("?lang=en outranks the browser's Russian", async ({ page }) => {
    await page.goto("/signin?lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  });
});

test.describe("the language by choice", () => {
  test("English by default", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  });

  test("?lang=ru switches any page to Russian and the choice stays, until ?lang=en", async ({
    page,
    context,
  }) => {
    await page.goto("/reminders/unsubscribe?lang=ru");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Письма-напоминания" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "locale")?.value).toBe("ru");

    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Вход", exact: true })).toBeVisible();
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();

    await page.goto("/signin?lang=en");
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("an unsupported ?lang= changes nothing", async ({ page }) => {
    await page.goto("/signin?lang=xx");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  });
});
