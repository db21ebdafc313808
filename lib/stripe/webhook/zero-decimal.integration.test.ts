import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";
import { formatMoney } from "../../ask/amounts";
import { decimal } from "../../dashboard/csv";
import { revenueByMonth, summarise } from "../../dashboard/overview";
import type { Currency } from "../../rules/currencies";

/**
 * A gift in a zero-decimal currency end to end: Checkout on the emulator takes whole yen, the webhook records
 * them as they are, and the dashboard shows ¥1,000 (never ¥10.00, as a cents-everywhere app would).
 */
let app: WebhookPipeline;

beforeAll(async () => {
  app = await startWebhookPipeline();
});

afterAll(async () => {
  await app?.close();
});

async function payOnce(currency: Currency, amount: number, email: string) {
  const { attemptId } = await app.createCheckout(
    { frequency: "ONCE", currency, amount, surface: "test", variant: "default" },
    null,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await app.control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome: "paid",
    email,
    name: "Test Reader",
  });
  await app.settle();
}

describe("a one-time gift in yen", () => {
  it("is recorded in whole yen and shown as ¥1,000 beside a dollar gift", async () => {
    const start = new Date(Date.now() - 86_400_000);
    await payOnce("JPY", 1000, "yen@example.com");
    await payOnce("USD", 2500, "dollar@example.com");

    const payments = await app.db.payment.findMany({
      where: { supporter: { email: { in: ["yen@example.com", "dollar@example.com"] } } },
      select: { amount: true, currency: true, status: true, kind: true },
      orderBy: { currency: "asc" },
    });
    expect(payments).toEqual([
      { amount: 1000, currency: "JPY", status: "SUCCEEDED", kind: "ONE_TIME" },
      { amount: 2500, currency: "USD", status: "SUCCEEDED", kind: "ONE_TIME" },
    ]);

    const period = { start, end: new Date(Date.now() + 60_000) };
    const { currencies } = await summarise(app.db, period);
    const yen = currencies.find((c) => c.currency === "JPY");
    expect(yen).toMatchObject({ oneTimeRevenue: 1000, netRevenue: 1000 });
    expect(formatMoney(yen!.oneTimeRevenue, yen!.currency)).toBe("¥1,000");
    expect(decimal(yen!.netRevenue, yen!.currency)).toBe("1000");
    const dollars = currencies.find((c) => c.currency === "USD");
    expect(formatMoney(dollars!.oneTimeRevenue, dollars!.currency)).toBe("$25");
    // Only currencies with money in them get a column: no empty CAD, CHF, SEK…
    expect(currencies.map((c) => c.currency).sort()).toEqual(["JPY", "USD"]);

    const revenue = await revenueByMonth(app.db, period);
    expect(revenue.filter((r) => r.currency === "JPY").reduce((sum, r) => sum + r.net, 0)).toBe(
      1000,
    );
  });
});
