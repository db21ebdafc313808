import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testWebhookSecret } from "@/test/stripe/webhook/test-harness";
import { event, id, subscription } from "@/test/stripe/webhook/test-events";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";
import { startWebhookPipeline, type WebhookPipeline } from "@/test/stripe/webhook/test-pipeline";

/**
 * What the webhook accepts before any handler runs: a correctly signed body must still be a Stripe event
 * (anything else is a 400 that writes nothing), and the event must be rendered in the API version the handlers
 * read; an event in another version is refused (non-2xx, so Stripe keeps it) with a log line saying how to fix
 * the endpoint, and nothing is recorded: not even its ledger row, so it is applied once it arrives right.
 */
let app: WebhookPipeline;

beforeAll(async () => {
  app = await startWebhookPipeline({ deliver: false });
});

afterAll(async () => {
  await app?.close();
});

const counts = async () => ({
  events: await app.db.stripeEvent.count(),
  payments: await app.db.payment.count(),
  memberships: await app.db.membership.count(),
  supporters: await app.db.supporter.count(),
});

async function postSignedBody(payload: string): Promise<{ status: number; body: string }> {
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: testWebhookSecret(),
  });
  const response = await fetch(app.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  return { status: response.status, body: await response.text() };
}

describe("a signed body that is not a Stripe event", () => {
  it.each([
    "null",
    "[]",
    '[{"id":"evt_1","type":"invoice.paid"}]',
    '"evt_1"',
    "42",
    "true",
    "{}",
    '{"id":"evt_2","type":"invoice.paid"}',
    '{"id":"evt_3","type":"invoice.paid","created":1,"livemode":false,"data":null}',
  ])("answers 400 and writes nothing for %s", async (payload) => {
    const before = await counts();
    const answer = await postSignedBody(payload);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { code: "invalid_input", message: "Not a Stripe event." },
    });
    expect(await counts()).toEqual(before);
  });
});

describe("an event rendered in another API version", () => {
  const OLD = "2024-06-20";
  const now = () => Math.floor(Date.now() / 1000);

  // An invoice.paid as an endpoint on 2024-06-20 renders it: the subscription and payment intent at the top
  // level, no `parent` and no `payments`. Read with this version's paths it looks like a one-off invoice.
  function oldInvoicePaid(subscriptionId: string, customer: string) {
    const e = event("invoice.paid", {
      id: id("in_"),
      object: "invoice",
      customer,
      customer_email: "old-version@example.com",
      customer_name: null,
      amount_due: 1500,
      amount_paid: 1500,
      currency: "usd",
      billing_reason: "subscription_cycle",
      hosted_invoice_url: null,
      created: now(),
      status: "paid",
      status_transitions: { paid_at: now() },
      subscription: subscriptionId,
      payment_intent: id("pi_"),
      charge: id("ch_"),
    });
    return { ...e, api_version: OLD };
  }

  it("refuses an old-shape invoice.paid with a non-2xx, a log line with the fix, and no ledger row", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const before = await counts();
      const paid = oldInvoicePaid(id("sub_"), id("cus_"));
      const answer = await postSignedBody(JSON.stringify(paid));
      expect(answer.status).toBe(400);
      expect(answer.body).toContain("2026-10-28.endive");
      expect(await app.db.stripeEvent.findUnique({ where: { id: paid.id } })).toBeNull();
      expect(await counts()).toEqual(before);
      const logged = errors.mock.calls
        .map((c) => c.join(" "))
        .find((line) => line.includes(paid.id));
      expect(logged).toBeDefined();
      expect(logged).toContain(`API version ${OLD}`);
      expect(logged).toMatch(/Set this webhook endpoint's API version to 2026-10-28\.endive/);
    } finally {
      errors.mockRestore();
    }
  });

  it("refuses an old-shape customer.subscription.updated the same way, not with a 500 for ever", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const before = await counts();
      // 2024-06-20: the period on the subscription, not on its items.
      const sub = subscription({ id: id("sub_"), customer: id("cus_") }) as Record<
        string,
        unknown
      > & { items: { data: Array<Record<string, unknown>> } };
      const old = {
        ...sub,
        current_period_end: now() + 30 * 86_400,
        items: {
          ...sub.items,
          data: sub.items.data.map((item) =>
            Object.fromEntries(
              Object.entries(item).filter(([key]) => !key.startsWith("current_period_")),
            ),
          ),
        },
      };
      const updated = { ...event("customer.subscription.updated", old), api_version: OLD };
      for (let attempt = 0; attempt < 2; attempt++)
        expect(await postSignedEvent(app.webhookUrl, updated)).toBe(400);
      expect(await app.db.stripeEvent.findUnique({ where: { id: updated.id } })).toBeNull();
      expect(await counts()).toEqual(before);
    } finally {
      errors.mockRestore();
    }
  });

  it("refuses an event of a type it ignores too, and one without an API version", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const before = await counts();
      const ignoredType = {
        ...event("customer.updated", { id: id("cus_"), object: "customer" }),
        api_version: OLD,
      };
      const unversioned = {
        ...event("customer.updated", { id: id("cus_"), object: "customer" }),
        api_version: null,
      };
      expect(await postSignedEvent(app.webhookUrl, ignoredType)).toBe(400);
      expect(await postSignedEvent(app.webhookUrl, unversioned)).toBe(400);
      expect(await counts()).toEqual(before);
    } finally {
      errors.mockRestore();
    }
  });

  it("still applies events in the pinned version", async () => {
    const current = event("customer.updated", { id: id("cus_"), object: "customer" });
    expect(await postSignedEvent(app.webhookUrl, current)).toBe(200);
    expect(await app.db.stripeEvent.findUnique({ where: { id: current.id } })).toMatchObject({
      outcome: "ignored",
    });
  });
});
