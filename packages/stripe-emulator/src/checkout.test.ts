import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { donationParams, membershipParams, startHarness, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

const objectOf = <T>(h: Harness, type: string): T =>
  h.receiver.events.find((e) => e.type === type)?.data.object as T;

describe("Checkout in payment mode (a donation)", () => {
  it("creates an open session whose url is the hosted page", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${h.emulator.url}/c/pay/${session.id}`);
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(session).toMatchObject({
      amount_total: 1000,
      currency: "usd",
      submit_type: "donate",
      customer_creation: "always",
      customer: null,
    });
    expect(session.line_items).toBeUndefined(); // includable only
    const expanded = await h.stripe.checkout.sessions.retrieve(session.id, {
      expand: ["line_items"],
    });
    expect(expanded.line_items?.data[0]).toMatchObject({
      object: "item",
      amount_total: 1000,
      description: "One-time gift",
      quantity: 1,
    });
  });

  it("paying emits signed events in Stripe's order with the pinned version's shapes", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    const done = await h.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
      email: "ada@example.com",
      name: "Ada",
    });
    expect(done.status).toBe(200);
    await h.flush();
    expect(h.receiver.rejected).toEqual([]);
    expect(h.types()).toEqual([
      "customer.created",
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.completed",
    ]);
    for (const event of h.receiver.events) {
      expect(event).toMatchObject({
        object: "event",
        api_version: "2026-10-28.endive",
        livemode: false,
        pending_webhooks: 1,
      });
      expect(event.id).toMatch(/^evt_/);
    }
    const customer = objectOf<Stripe.Customer>(h, "customer.created");
    const pi = objectOf<Stripe.PaymentIntent>(h, "payment_intent.succeeded");
    const charge = objectOf<Stripe.Charge>(h, "charge.succeeded");
    const completed = objectOf<Stripe.Checkout.Session>(h, "checkout.session.completed");
    expect(customer).toMatchObject({ email: "ada@example.com", name: "Ada" });
    expect(pi).toMatchObject({
      status: "succeeded",
      amount: 1000,
      amount_received: 1000,
      customer: customer.id,
      latest_charge: charge.id,
    });
    expect(pi.metadata).toEqual({ checkout_attempt_id: "att_1", frequency: "ONCE" });
    expect(pi.description).toBe("One-time gift");
    expect(charge).toMatchObject({
      status: "succeeded",
      paid: true,
      payment_intent: pi.id,
      amount_refunded: 0,
    });
    expect(charge.receipt_url).toBe(`${h.emulator.url}/receipts/${charge.id}`);
    expect(completed).toMatchObject({
      id: session.id,
      status: "complete",
      payment_status: "paid",
      customer: customer.id,
      customer_details: { email: "ada@example.com", name: "Ada" },
      payment_intent: pi.id,
      amount_total: 1000,
      currency: "usd",
      client_reference_id: "att_1",
      metadata: { checkout_attempt_id: "att_1", frequency: "ONCE" },
      subscription: null,
      url: null,
    });
    const receipt = await fetch(charge.receipt_url ?? "");
    expect(receipt.status).toBe(200);
  });

  it("a bank debit that fails later: completed (unpaid), then async_payment_failed", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    await h.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
      outcome: "async_failed",
      email: "b@example.com",
    });
    await h.flush();
    expect(h.types()).toEqual([
      "customer.created",
      "payment_intent.processing",
      "charge.pending",
      "checkout.session.completed",
      "payment_intent.payment_failed",
      "charge.failed",
      "checkout.session.async_payment_failed",
    ]);
    expect(objectOf<Stripe.Checkout.Session>(h, "checkout.session.completed").payment_status).toBe(
      "unpaid",
    );
    expect(
      objectOf<Stripe.Checkout.Session>(h, "checkout.session.async_payment_failed").payment_status,
    ).toBe("unpaid");
    const pi = await h.stripe.paymentIntents.retrieve(
      objectOf<Stripe.PaymentIntent>(h, "payment_intent.payment_failed").id,
    );
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error?.message).toBeTruthy();
  });

  it("a pending bank debit settles on request: async_payment_succeeded", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    await h.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
      outcome: "async_pending",
      email: "c@example.com",
    });
    const settled = await h.control("POST", `/_emulator/checkout/sessions/${session.id}/settle`, {
      outcome: "succeeded",
    });
    expect(settled.body).toMatchObject({ payment_status: "paid" });
    await h.flush();
    expect(h.types().slice(-3)).toEqual([
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.async_payment_succeeded",
    ]);
    const again = await h.control("POST", `/_emulator/checkout/sessions/${session.id}/settle`, {
      outcome: "failed",
    });
    expect(again.status).toBe(400);
  });

  it("without customer_creation there is no customer", async () => {
    const session = await h.stripe.checkout.sessions.create({
      ...donationParams(),
      customer_creation: undefined,
    });
    await h.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
      email: "d@example.com",
    });
    await h.flush();
    expect(h.types()).toEqual([
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.completed",
    ]);
    expect(objectOf<Stripe.Checkout.Session>(h, "checkout.session.completed").customer).toBeNull();
  });
});

describe("the hosted checkout page", () => {
  it("is an accessible page with the test-mode banner, the summary and the choices", async () => {
    const session = await h.stripe.checkout.sessions.create({
      ...membershipParams(500),
      customer_email: "e@example.com",
    });
    const response = await fetch(session.url ?? "");
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain("Test mode — no real payment");
    expect(page).toMatch(/<html lang="en">[\s\S]*<main>[\s\S]*<h1>/);
    expect(page).toContain('<label for="email">Email</label>');
    expect(page).toMatch(
      /<input id="email" name="email" type="email" required[^>]*value="e@example.com"/,
    );
    expect(page).toContain("€5.00");
    expect(page).toContain("per month");
    for (const label of [
      ">Pay<",
      "Pay with a card that is declined",
      "Pay by bank debit that later fails",
      "Cancel and return",
    ]) {
      expect(page).toContain(label);
    }
    expect(page).not.toMatch(/<script|https?:\/\/(?!localhost|127\.0\.0\.1)[^"]*\.(css|js)/);
  });

  it("a declined card shows the error and keeps the session open; paying then redirects to success_url", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    const form = (outcome: string) =>
      new URLSearchParams({ email: "f@example.com", name: "F", outcome });
    const declined = await fetch(session.url ?? "", {
      method: "POST",
      body: form("declined"),
      redirect: "manual",
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toMatch(/role="alert"[^>]*>Your card was declined/);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const paid = await fetch(session.url ?? "", {
      method: "POST",
      body: form("paid"),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `http://localhost:3000/support/thanks?session_id=${session.id}`,
    );
    await h.flush();
    expect(h.types()).toEqual([
      "payment_intent.payment_failed",
      "charge.failed",
      "customer.created",
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.completed",
    ]);
    // One payment intent, retried after the decline, as Stripe does.
    expect(objectOf<Stripe.PaymentIntent>(h, "payment_intent.payment_failed").id).toBe(
      objectOf<Stripe.PaymentIntent>(h, "payment_intent.succeeded").id,
    );
    const after = await fetch(session.url ?? "");
    expect(after.status).toBe(410);
    expect(await after.text()).toContain("already complete");
  });

  it("an expired session says so and raised checkout.session.expired", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    const expired = await h.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", url: null });
    const page = await fetch(session.url ?? "");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This checkout has expired");
    await expect(h.stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
    });
    await h.flush();
    expect(h.types()).toEqual(["checkout.session.expired"]);
  });

  it("an unknown session is a 404 page", async () => {
    const response = await fetch(`${h.emulator.url}/c/pay/cs_test_nope`);
    expect(response.status).toBe(404);
  });
});
