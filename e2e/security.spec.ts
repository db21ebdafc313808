import { expect, test } from "@playwright/test";
import { cspViolations } from "./fixtures/csp";

test.describe("security headers", () => {
  test("pages send a nonce-based CSP they actually satisfy, and refuse to be framed", async ({
    page,
  }) => {
    const violations = cspViolations(page);
    for (const path of ["/support", "/demo/article", "/support/thanks?session_id=cs_unknown"]) {
      const response = await page.goto(path);
      const csp = response!.headers()["content-security-policy"] ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    }
    // Hydrated (so the nonce let Next's scripts run): inline validation works, then the form may post to Checkout.
    await page.goto("/support");
    await page.getByRole("radio", { name: "Other", exact: true }).check();
    await page.getByLabel(/Other amount/).fill("1");
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.locator("#amount-error-support-page")).toBeVisible();
    await page.getByLabel(/Other amount/).fill("30");
    await page.getByRole("button", { name: /^(Support|Continue to payment)/ }).click();
    await expect(page.getByText("Test mode — no real payment")).toBeVisible();
    expect(violations).toEqual([]);
  });
});
