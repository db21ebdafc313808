import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createSupporter, payMonthly, signInWithMagicLink } from "./fixtures/auth";
import { membershipsOf, query, uniqueEmail } from "./fixtures/db";
import { emulatorPost } from "./fixtures/emulator";
import { APP_URL } from "../playwright.config";

test.describe("reader account", () => {
  test("a monthly supporter signs in by magic link, sees their membership, and cancels through the portal", async ({
    page,
  }) => {
    const email = uniqueEmail("member");
    await payMonthly(email, 1000, "usd");
    expect(await membershipsOf(email)).toMatchObject([
      { status: "ACTIVE", amount: 1000, currency: "USD" },
    ]);

    await signInWithMagicLink(page, email);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "$10 per month" })).toBeVisible();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByText(/^\$10 on /)).toBeVisible(); // next payment
    const gifts = page.getByRole("table");
    await expect(gifts.getByRole("row")).toHaveCount(2);
    await expect(gifts.getByRole("row").nth(1)).toContainText("Monthly membership");
    await expect(gifts.getByRole("row").nth(1)).toContainText("Paid");
    await expect(gifts.getByRole("link", { name: /Receipt for \$10/ })).toHaveAttribute(
      "href",
      /^http/,
    );
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // What /account promises is what the portal offers (and what Stripe's offers): cancel, card, invoices.
    await expect(
      page.getByText(
        "Cancel, update your card or see your invoices on our payment provider’s secure page.",
      ),
    ).toBeVisible();
    await page.getByRole("button", { name: "Manage membership" }).click();
    await expect(page.getByRole("heading", { name: "Manage your subscriptions" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invoice history" })).toBeVisible();
    await expect(page.getByRole("link", { name: /View invoice/ })).toHaveCount(1);
    await page.getByLabel("Mastercard ending 4444").check();
    await page.getByRole("button", { name: "Update card" }).click();
    await expect(page.getByText("Your card was updated.")).toBeVisible();
    await expect(page.getByText("Current card: Mastercard ending 4444.")).toBeVisible();
    await page.getByRole("button", { name: "Cancel subscription" }).click();
    await expect(page.getByText("will be canceled at the end of the current period")).toBeVisible();
    await emulatorPost("deliveries/flush");
    await page.getByRole("link", { name: "Return to the site" }).click();

    await expect(page.getByText("Cancelled — ends at the end of the period")).toBeVisible();
    await expect(page.getByText("(no further payments)")).toBeVisible();
    const [membership] = await query<{ cancelAtPeriodEnd: boolean }>(
      `SELECT m."cancelAtPeriodEnd" FROM "Membership" m JOIN "Supporter" s ON s.id = m."supporterId" WHERE s.email = $1`,
      [email],
    );
    expect(membership?.cancelAtPeriodEnd).toBe(true);
  });

  test("a reader cannot open the portal for someone else's membership", async ({ page }) => {
    const victim = uniqueEmail("victim");
    await payMonthly(victim, 2000, "eur");
    const [theirs] = await membershipsOf(victim);

    const email = uniqueEmail("nosy");
    await payMonthly(email, 500, "usd");
    await signInWithMagicLink(page, email);
    // Tamper with the form: the action must look the id up with the signed-in supporter, not trust it.
    await page
      .locator('input[name="membershipId"]')
      .evaluate((input, id) => ((input as HTMLInputElement).value = id), theirs!.id);
    await page.getByRole("button", { name: "Manage membership" }).click();
    await expect(page.locator(".notice[role=alert]")).toHaveText(
      "That membership is not on your account.",
    );
    expect(page.url()).toContain("/account");
    await expect(page.getByText("€20")).toHaveCount(0);
  });

  test("a signed-in reader without gifts sees an empty account, and signed-out visitors are sent to sign in", async ({
    page,
  }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    const email = uniqueEmail("nogifts");
    await createSupporter(email);
    await signInWithMagicLink(page, email);
    await expect(page.getByText("You have no membership.")).toBeVisible();
    await expect(page.getByText("No gifts under this address yet.")).toBeVisible();
  });
});

test.describe("sign-in links", () => {
  test("opening the link (as a mail scanner does) does not spend it; the click does, once", async ({
    page,
    request,
  }) => {
    const email = uniqueEmail("scanned");
    await createSupporter(email);
    const before = new Date(Date.now() - 1000);
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Check your inbox.")).toBeVisible();
    const { latestSignInLink } = await import("./fixtures/auth");
    const link = await latestSignInLink(email, before);

    for (let i = 0; i < 3; i++) expect((await request.get(link)).status()).toBe(200); // the scanner
    await page.goto(link);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

    await page.context().clearCookies();
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".notice[role=alert]")).toContainText("expired or was already used");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the form posts, mail goes out, and the link signs the reader in; the address never in the URL", async ({
      page,
    }) => {
      const email = uniqueEmail("nojs-signin");
      await createSupporter(email);
      const before = new Date(Date.now() - 1000);
      await page.goto("/signin?callbackUrl=%2Faccount");
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      expect(page.url()).not.toContain(encodeURIComponent(email));
      expect(page.url()).not.toContain("email=");
      const { latestSignInLink } = await import("./fixtures/auth");
      await page.goto(await latestSignInLink(email, before));
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    });
  });

  test("links are limited per address: past the limit the reader gets a message on the page, and no mail", async ({
    page,
    playwright,
  }) => {
    const email = uniqueEmail("flooded");
    await createSupporter(email);
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const ask = (json: boolean) =>
      api.post("/api/auth/signin/email", {
        form: { email, csrfToken, callbackUrl: "/account", ...(json ? { json: "true" } : {}) },
        maxRedirects: 0,
      });
    for (let i = 0; i < 10; i++)
      expect(((await (await ask(true)).json()) as { url: string }).url).toContain(
        "/api/auth/verify-request",
      );
    await expect
      .poll(
        async () => (await query(`SELECT 1 FROM "CapturedMail" WHERE "to" = $1`, [email])).length,
      )
      .toBe(10);
    // Only the newest link is live.
    expect(
      await query(`SELECT 1 FROM "VerificationToken" WHERE identifier = $1`, [email]),
    ).toHaveLength(1);

    // A form post without JavaScript is sent to the sign-in page, which says what happened in words.
    const refused = await ask(false);
    expect(refused.status()).toBe(302);
    const location = new URL(refused.headers()["location"]!);
    expect(`${location.pathname}?error=${location.searchParams.get("error")}`).toBe(
      "/signin?error=RateLimited",
    );
    await page.goto(location.pathname + location.search);
    await expect(page.locator(".notice[role=alert]")).toContainText(
      "We have sent several sign-in links recently",
    );
    await expect(page.locator(".notice[role=alert]")).toContainText(
      /You can ask again in about \d+ minutes?/,
    );

    // The page's own form (next-auth/react) shows the same message instead of "check your inbox".
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("p.error[role=alert]")).toContainText(
      "We have sent several sign-in links recently",
    );
    await expect(page.getByText("Check your inbox.")).toHaveCount(0);
    expect(await query(`SELECT 1 FROM "CapturedMail" WHERE "to" = $1`, [email])).toHaveLength(10);
    await api.dispose();
  });

  test("an unknown address gets a mail without a link", async ({ page }) => {
    const email = uniqueEmail("stranger");
    const before = new Date(Date.now() - 1000);
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Check your inbox.")).toBeVisible(); // same answer: no address enumeration
    await expect
      .poll(
        async () =>
          (
            await query<{ text: string }>(
              `SELECT text FROM "CapturedMail" WHERE "to" = $1 AND "createdAt" > $2`,
              [email, before],
            )
          )[0]?.text ?? "",
      )
      .toContain("no gifts or account");
    const [mail] = await query<{ text: string }>(
      `SELECT text FROM "CapturedMail" WHERE "to" = $1`,
      [email],
    );
    expect(mail!.text).not.toMatch(/https?:\/\//);
  });
});
