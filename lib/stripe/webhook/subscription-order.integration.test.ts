import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * Stripe's order for a membership bought with a card: customer.subscription.created says `incomplete`, the
 * invoice is paid, and only then customer.subscription.updated says `active`. The app must end active in that
 * order, and also when the update is late: a paid first invoice activates the membership by itself.
 */
let app: WebhookPipeline;
beforeAll(async () => void (app = await startWebhookPipeline({ deliver: false })));
afterAll(async () => app?.close());

async function buyMonthly(email: string): Promise<Stripe.Event[]> {
  const before = (await app.control.get<{ data: unknown[] }>("events")).data.length;
  const { attemptId } = await app.createCheckout(
    { frequency: "MONTHLY", currency: "EUR", amount: 1000, surface: "test", variant: "default" },
    null,
  );
  const attempt = await app.db.checkoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await app.control.post(`checkout/sessions/${attempt.stripeSessionId}/complete`, {
    outcome: "paid",
    email,
    name: "R",
  });
  return (await app.control.get<{ data: Array<{ event: Stripe.Event }> }>("events")).data
    .slice(before)
    .map((e) => e.event);
}

const membershipOf = (email: string) =>
  app.db.membership.findFirstOrThrow({
    where: { supporter: { email } },
    select: { status: true, payments: { select: { status: true } } },
  });

describe("a card-paid membership in Stripe's order", () => {
  it("created incomplete, then its paid invoice, then updated to active: ends active with its payment", async () => {
    const events = await buyMonthly("order@example.com");
    const created = events.find((e) => e.type === "customer.subscription.created")!;
    expect((created.data.object as Stripe.Subscription).status).toBe("incomplete");
    const types = events.map((e) => e.type);
    expect(types.indexOf("customer.subscription.updated")).toBeGreaterThan(
      types.indexOf("invoice.paid"),
    );
    for (const event of events) expect(await postSignedEvent(app.webhookUrl, event)).toBe(200);
    expect(await membershipOf("order@example.com")).toMatchObject({
      status: "ACTIVE",
      payments: [{ status: "SUCCEEDED" }],
    });
  });

  it("when customer.subscription.updated has not arrived yet, the paid invoice alone makes the membership active", async () => {
    const events = await buyMonthly("late-update@example.com");
    for (const event of events.filter((e) => e.type !== "customer.subscription.updated"))
      expect(await postSignedEvent(app.webhookUrl, event)).toBe(200);
    expect(await membershipOf("late-update@example.com")).toMatchObject({
      status: "ACTIVE",
      payments: [{ status: "SUCCEEDED" }],
    });
    // The late update then changes nothing.
    expect(
      await postSignedEvent(
        app.webhookUrl,
        events.find((e) => e.type === "customer.subscription.updated"),
      ),
    ).toBe(200);
    expect(await membershipOf("late-update@example.com")).toMatchObject({ status: "ACTIVE" });
  });
});
