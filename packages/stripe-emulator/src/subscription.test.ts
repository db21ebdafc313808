import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { membershipParams, startHarness, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

function since(h: Harness, count: number): Stripe.Event[] {
  return h.receiver.events.slice(count);
}

async function subscribe(h: Harness, outcome = "paid", interval: "month" | "year" = "month") {
  const session = await h.stripe.checkout.sessions.create(membershipParams(500, interval));
  const done = await h.control<Stripe.Checkout.Session>(
    "POST",
    `/_emulator/checkout/sessions/${session.id}/complete`,
    { outcome, email: "m@example.com", name: "Mo" },
  );
  await h.flush();
  return done.body;
}

/** What a paid invoice raises, in Stripe's order: the first one and each renewal alike. */
const PAID_INVOICE_EVENTS = [
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.payment_succeeded",
  "invoice_payment.paid",
  "payment_intent.succeeded",
  "charge.succeeded",
];
describe("Checkout in subscription mode", () => {
  it("creates customer, subscription (incomplete, then active as in Stripe), paid first invoice and payment, with endive field paths", async () => {
    const session = await subscribe(h);
    expect(h.types()).toEqual([
      "customer.created",
      "customer.subscription.created",
      ...PAID_INVOICE_EVENTS,
      "customer.subscription.updated",
      "checkout.session.completed",
    ]);
    const activated = h.receiver.events.find((e) => e.type === "customer.subscription.updated")!;
    expect(activated.data.object).toMatchObject({ status: "active" });
    expect(activated.data.previous_attributes).toEqual({ status: "incomplete" });
    const byType = (t: string) => h.receiver.events.find((e) => e.type === t)?.data.object as never;
    const sub: Stripe.Subscription = byType("customer.subscription.created");
    const invoice: Stripe.Invoice = byType("invoice.paid");
    const completed: Stripe.Checkout.Session = byType("checkout.session.completed");

    expect(sub).toMatchObject({
      status: "incomplete",
      currency: "eur",
      metadata: { checkout_attempt_id: "att_2", frequency: "MONTHLY" },
    });
    expect(sub).not.toHaveProperty("current_period_end");
    const item = sub.items.data[0]!;
    expect(item.price).toMatchObject({
      unit_amount: 500,
      currency: "eur",
      recurring: { interval: "month", interval_count: 1 },
    });
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(28 * 86_400);
    expect(sub.latest_invoice).toBe(invoice.id);

    expect(invoice).toMatchObject({
      status: "paid",
      billing_reason: "subscription_create",
      amount_paid: 500,
      currency: "eur",
      customer_email: "m@example.com",
    });
    expect(invoice.parent?.subscription_details).toEqual({
      subscription: sub.id,
      metadata: sub.metadata,
    });
    for (const removed of ["subscription", "payment_intent", "charge", "paid"])
      expect(invoice).not.toHaveProperty(removed);
    expect(invoice).not.toHaveProperty("payments"); // includable: only with expand[]=payments
    expect(invoice.hosted_invoice_url).toBe(`${h.emulator.url}/invoices/${invoice.id}`);
    expect(invoice.lines.data[0]).toMatchObject({
      amount: 500,
      period: { start: item.current_period_start, end: item.current_period_end },
    });
    expect(invoice.period_start).toBe(invoice.period_end);

    const expanded = await h.stripe.invoices.retrieve(invoice.id, {
      expand: ["payments.data.payment.payment_intent"],
    });
    const pi = expanded.payments?.data[0]?.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 500 });
    expect(completed).toMatchObject({
      status: "complete",
      payment_status: "paid",
      subscription: sub.id,
      invoice: invoice.id,
      payment_intent: null,
    });
    expect(session.subscription).toBe(sub.id);
  });

  it("a bank debit that fails: incomplete, completed unpaid, payment_failed, then incomplete_expired", async () => {
    const session = await subscribe(h, "async_failed");
    expect(h.types()).toEqual([
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "payment_intent.processing",
      "charge.pending",
      "checkout.session.completed",
      "invoice.payment_failed",
      "payment_intent.payment_failed",
      "charge.failed",
      "checkout.session.async_payment_failed",
      "customer.subscription.updated",
      "invoice.voided",
    ]);
    const [created, updated] = [h.receiver.events[1]!, h.receiver.events[11]!];
    expect((created.data.object as Stripe.Subscription).status).toBe("incomplete");
    expect((updated.data.object as Stripe.Subscription).status).toBe("incomplete_expired");
    expect(updated.data.previous_attributes).toMatchObject({ status: "incomplete" });
    expect((h.receiver.events[6]!.data.object as Stripe.Checkout.Session).payment_status).toBe(
      "unpaid",
    );
    expect((await h.stripe.subscriptions.retrieve(String(session.subscription))).status).toBe(
      "incomplete_expired",
    );
  });

  it("yearly memberships renew a year later", async () => {
    const session = await subscribe(h, "paid", "year");
    const sub = await h.stripe.subscriptions.retrieve(String(session.subscription));
    const item = sub.items.data[0]!;
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(
      365 * 86_400,
    );
  });
});

describe("a subscription's life", () => {
  it("renew → fail_renewal → renew (retry) → cancel", async () => {
    const session = await subscribe(h);
    const id = String(session.subscription);
    const before = (await h.stripe.subscriptions.retrieve(id)).items.data[0]!;

    let seen = h.receiver.events.length;
    const renewed = await h.control<Stripe.Invoice>("POST", `/_emulator/subscriptions/${id}/renew`);
    await h.flush();
    expect(renewed.body).toMatchObject({
      object: "invoice",
      status: "paid",
      billing_reason: "subscription_cycle",
      amount_paid: 500,
    });
    expect(renewed.body.payments?.data[0]?.payment.payment_intent).toMatch(/^pi_/);
    expect(renewed.body.period_start).toBe(before.current_period_start);
    expect(renewed.body.period_end).toBe(before.current_period_end);
    expect(since(h, seen).map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      ...PAID_INVOICE_EVENTS,
    ]);
    const periodUpdate = since(h, seen)[0]!;
    const newItem = (periodUpdate.data.object as Stripe.Subscription).items.data[0]!;
    expect(newItem.current_period_start).toBe(before.current_period_end);
    expect(periodUpdate.data.previous_attributes).toHaveProperty("items");
    expect(periodUpdate.data.previous_attributes).toHaveProperty("latest_invoice", session.invoice);

    seen = h.receiver.events.length;
    const failed = await h.control<Stripe.Invoice>(
      "POST",
      `/_emulator/subscriptions/${id}/fail_renewal`,
    );
    await h.flush();
    expect(failed.body).toMatchObject({
      status: "open",
      attempt_count: 1,
      amount_paid: 0,
      billing_reason: "subscription_cycle",
    });
    expect(since(h, seen).map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      "invoice.payment_failed",
      "payment_intent.payment_failed",
      "charge.failed",
      "customer.subscription.updated",
    ]);
    const pastDue = since(h, seen).at(-1)!;
    expect(pastDue.data.object).toMatchObject({ status: "past_due" });
    expect(pastDue.data.previous_attributes).toEqual({ status: "active" });
    const periodAfterFailure = (await h.stripe.subscriptions.retrieve(id)).items.data[0]!
      .current_period_end;

    seen = h.receiver.events.length;
    const retried = await h.control<Stripe.Invoice>("POST", `/_emulator/subscriptions/${id}/renew`);
    await h.flush();
    expect(retried.body).toMatchObject({ id: failed.body.id, status: "paid", attempt_count: 2 });
    expect(since(h, seen).at(-1)).toMatchObject({
      type: "customer.subscription.updated",
      data: { object: { status: "active" } },
    });
    expect((await h.stripe.subscriptions.retrieve(id)).items.data[0]!.current_period_end).toBe(
      periodAfterFailure,
    );

    seen = h.receiver.events.length;
    const canceled = await h.stripe.subscriptions.cancel(id);
    await h.flush();
    expect(canceled).toMatchObject({
      status: "canceled",
      cancellation_details: { reason: "cancellation_requested" },
    });
    expect(canceled.ended_at).toBeTypeOf("number");
    expect(canceled.canceled_at).toBeTypeOf("number");
    expect(since(h, seen).map((e) => e.type)).toEqual(["customer.subscription.deleted"]);
    const again = await h.control<{ error: { type: string } }>(
      "POST",
      `/_emulator/subscriptions/${id}/renew`,
    );
    expect(again.status).toBe(400);
    expect(again.body.error.type).toBe("invalid_request_error");
  });

  it("update: cancel_at_period_end and metadata in one customer.subscription.updated; the period end then cancels", async () => {
    const session = await subscribe(h);
    const id = String(session.subscription);
    const seen = h.receiver.events.length;
    const updated = await h.stripe.subscriptions.update(id, {
      cancel_at_period_end: true,
      metadata: { note: "x", frequency: "" },
    });
    expect(updated).toMatchObject({
      cancel_at_period_end: true,
      metadata: { checkout_attempt_id: "att_2", note: "x" },
    });
    expect(updated.metadata).not.toHaveProperty("frequency");
    expect(updated.cancel_at).toBe(updated.items.data[0]!.current_period_end);
    const ended = await h.control("POST", `/_emulator/subscriptions/${id}/renew`);
    expect(ended.body).toMatchObject({
      object: "subscription",
      status: "canceled",
      ended_at: updated.cancel_at,
    });
    await h.flush();
    const events = since(h, seen);
    expect(events.map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      "customer.subscription.deleted",
    ]);
    expect(events[0]!.data.previous_attributes).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });
    expect(events[0]!.request?.id).toMatch(/^req_/);
    expect(events[1]!.request).toEqual({ id: null, idempotency_key: null });
  });

  it("the control cancel endpoint works like DELETE", async () => {
    const session = await subscribe(h);
    const canceled = await h.control(
      "POST",
      `/_emulator/subscriptions/${session.subscription}/cancel`,
    );
    expect(canceled.body).toMatchObject({ status: "canceled" });
    await expect(h.stripe.subscriptions.cancel(String(session.subscription))).rejects.toMatchObject(
      { type: "StripeInvalidRequestError", statusCode: 400 },
    );
  });
});

describe("the customer portal", () => {
  it("offers what Stripe's portal offers: cancel at period end or keep, update the card, invoice history", async () => {
    const session = await subscribe(h);
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: String(session.customer),
      return_url: "http://localhost:3000/account",
    });
    expect(portal.url).toBe(`${h.emulator.url}/p/session/${portal.id}`);
    expect(portal.id).toMatch(/^bps_/);
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain("Test mode — no real payment");
    expect(page).toContain("€5.00 per month");
    expect(page).toContain('href="http://localhost:3000/account"');
    const invoice = await h.stripe.invoices.retrieve(String(session.invoice));
    expect(page).toContain("Invoice history");
    expect(page).toContain(`href="${invoice.hosted_invoice_url}"`);
    expect(page).toContain("Update card");

    const seen = h.receiver.events.length;
    const base = `${portal.url}/subscriptions/${session.subscription}`;
    const cancel = await fetch(`${base}/cancel`, { method: "POST", redirect: "manual" });
    expect(cancel.status).toBe(303);
    const card = await fetch(`${portal.url}/payment_method`, {
      method: "POST",
      body: new URLSearchParams({ card: "4444" }),
      redirect: "manual",
    });
    expect(card.status).toBe(303);
    expect(
      await (await fetch(`${h.emulator.url}${card.headers.get("location")}`)).text(),
    ).toContain("Current card: Mastercard ending 4444.");
    const declined = await fetch(`${portal.url}/payment_method`, {
      method: "POST",
      body: new URLSearchParams({ card: "0002" }),
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('role="alert"');
    await h.flush();
    const events = since(h, seen);
    expect(events.map((e) => e.type)).toEqual([
      "customer.subscription.updated",
      "customer.updated",
      "customer.subscription.updated",
    ]);
    expect(events[0]!.data.object).toMatchObject({ cancel_at_period_end: true });
    const pm = (events[1]!.data.object as Stripe.Customer).invoice_settings.default_payment_method;
    expect(pm).toMatch(/^pm_/);
    expect(events[2]!.data.object).toMatchObject({ default_payment_method: pm });
    expect(events[2]!.data.previous_attributes).toHaveProperty("default_payment_method");
  });

  it("cannot change the amount (Stripe's portal cannot, for subscriptions made with price_data): nothing changes", async () => {
    const session = await subscribe(h);
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: String(session.customer),
    });
    expect(await (await fetch(portal.url)).text()).not.toContain('name="amount"');
    const seen = h.receiver.events.length;
    for (const amount of ["0.50", "5000.00"]) {
      const response = await fetch(`${portal.url}/subscriptions/${session.subscription}/amount`, {
        method: "POST",
        body: new URLSearchParams({ amount }),
      });
      expect(response.status).toBe(404);
    }
    await h.flush();
    expect(since(h, seen)).toEqual([]);
    const sub = await h.stripe.subscriptions.retrieve(String(session.subscription));
    expect(sub.items.data[0]!.price.unit_amount).toBe(500);
  });

  it("requires an existing customer", async () => {
    await expect(
      h.stripe.billingPortal.sessions.create({ customer: "cus_missing" }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "resource_missing",
      statusCode: 404,
    });
  });
});
