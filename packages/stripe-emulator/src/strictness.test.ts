import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { donationParams, membershipParams, startHarness, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

type Params = Stripe.Checkout.SessionCreateParams;
const refusal = (params: object): Promise<Stripe.errors.StripeError> =>
  h.stripe.checkout.sessions.create(params as Params).then(
    () => Promise.reject(new Error("expected a refusal")),
    (e: unknown) => e as Stripe.errors.StripeError,
  );
const complete = (id: string) =>
  h.control<Stripe.Checkout.Session>("POST", `/_emulator/checkout/sessions/${id}/complete`, {
    email: "r@example.com",
  });

describe("Checkout Session creation is as strict as Stripe", () => {
  it("an unknown top-level parameter is a 400 parameter_unknown in Stripe's error shape", async () => {
    const response = await fetch(`${h.emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_x",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=x&success_ur=http://x.test",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        type: "invalid_request_error",
        code: "parameter_unknown",
        doc_url: expect.any(String),
        param: "success_ur",
        message: "Received unknown parameter: success_ur",
      },
    });
  });

  it("unknown nested parameters are refused too; Stripe's own names the emulator does not model are refused by name", async () => {
    const nested = await refusal({
      ...donationParams(),
      payment_intent_data: { metadata: {}, receipt_mail: "a@b.co" },
    });
    expect(nested).toMatchObject({
      statusCode: 400,
      code: "parameter_unknown",
      param: "payment_intent_data[receipt_mail]",
    });
    const product = await refusal({
      ...donationParams(),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: 500,
            product_data: { name: "x", colour: "red" },
          },
        },
      ],
    });
    expect(product).toMatchObject({
      code: "parameter_unknown",
      param: "line_items[0][price_data][product_data][colour]",
    });
    const unmodelled = await refusal({ ...donationParams(), discounts: [{ coupon: "X" }] });
    expect(unmodelled).toMatchObject({ statusCode: 400, param: "discounts" });
    expect(unmodelled.code).not.toBe("parameter_unknown");
    expect(unmodelled.message).toMatch(/does not model `discounts`/);
  });

  it("an invalid currency is a 400", async () => {
    const params = donationParams();
    params.line_items![0]!.price_data!.currency = "zzz";
    expect(await refusal(params)).toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
      param: "line_items[0][price_data][currency]",
    });
    expect(await refusal({ ...donationParams(), currency: "eur" })).toMatchObject({
      statusCode: 400,
      param: "currency",
    });
  });

  it("payment_intent_data[receipt_email] is accepted and set on the payment intent", async () => {
    const session = await h.stripe.checkout.sessions.create({
      ...donationParams(),
      payment_intent_data: { receipt_email: "receipts@example.com", description: "Gift" },
    });
    const paid = (await complete(session.id)).body;
    const pi = await h.stripe.paymentIntents.retrieve(String(paid.payment_intent));
    expect(pi.receipt_email).toBe("receipts@example.com");
    expect(
      await refusal({ ...donationParams(), payment_intent_data: { receipt_email: "nope" } }),
    ).toMatchObject({ code: "email_invalid" });
  });

  it("allow_promotion_codes is reflected on the session", async () => {
    const session = await h.stripe.checkout.sessions.create({
      ...donationParams(),
      allow_promotion_codes: true,
    });
    expect(session.allow_promotion_codes).toBe(true);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).allow_promotion_codes).toBe(
      true,
    );
  });

  it("subscription_data[trial_period_days]: a trialing subscription with trial_end, nothing charged until the trial ends", async () => {
    const session = await h.stripe.checkout.sessions.create({
      ...membershipParams(500),
      subscription_data: { trial_period_days: 14 },
    });
    expect(session.amount_total).toBe(0);
    const done = (await complete(session.id)).body;
    expect(done.payment_status).toBe("no_payment_required");
    const sub = await h.stripe.subscriptions.retrieve(String(done.subscription));
    expect(sub.status).toBe("trialing");
    expect(sub.trial_end! - sub.trial_start!).toBe(14 * 86_400);
    expect(sub.items.data[0]!.current_period_end).toBe(sub.trial_end);
    const first = await h.stripe.invoices.retrieve(String(sub.latest_invoice));
    expect(first).toMatchObject({
      status: "paid",
      amount_due: 0,
      billing_reason: "subscription_create",
    });

    const renewal = (
      await h.control<Stripe.Invoice>("POST", `/_emulator/subscriptions/${sub.id}/renew`)
    ).body;
    expect(renewal).toMatchObject({
      status: "paid",
      amount_paid: 500,
      billing_reason: "subscription_cycle",
    });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    expect(after.status).toBe("active");
    expect(after.items.data[0]!.current_period_start).toBe(sub.trial_end);
    expect(
      await refusal({ ...membershipParams(), subscription_data: { trial_period_days: 0 } }),
    ).toMatchObject({ statusCode: 400, param: "subscription_data[trial_period_days]" });
  });
});

describe("the other calls check their parameters the same way", () => {
  it("refunds, subscription updates and portal sessions: unknown names are parameter_unknown, Stripe's unmodelled ones refused by name", async () => {
    const session = await h.stripe.checkout.sessions.create(membershipParams());
    const done = (await complete(session.id)).body;
    const sub = String(done.subscription);
    await expect(
      h.stripe.subscriptions.update(sub, { colour: "red" } as never),
    ).rejects.toMatchObject({ code: "parameter_unknown", param: "colour" });
    const paused = (await h.stripe.subscriptions
      .update(sub, { pause_collection: { behavior: "void" } })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(paused).toMatchObject({ statusCode: 400, param: "pause_collection" });
    expect(paused.message).toMatch(/does not model/);
    const portal = await h.stripe.billingPortal.sessions
      .create({ customer: String(done.customer), flow_data: { type: "payment_method_update" } })
      .catch((e: unknown) => e);
    expect(portal).toMatchObject({ statusCode: 400, param: "flow_data" });
    await expect(
      h.stripe.customers.retrieve(String(done.customer), { colour: "red" } as never),
    ).rejects.toMatchObject({ code: "parameter_unknown", param: "colour" });
  });
});

describe("events.list is as strict as Stripe", () => {
  it("takes at most 20 types", async () => {
    const types = Array.from({ length: 21 }, (_, i) => `charge.type_${i}`);
    await expect(h.stripe.events.list({ types })).rejects.toMatchObject({
      statusCode: 400,
      param: "types",
    });
    await expect(h.stripe.events.list({ types: types.slice(0, 20) })).resolves.toMatchObject({
      object: "list",
    });
  });
});
