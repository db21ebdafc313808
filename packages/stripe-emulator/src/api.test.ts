import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { donationParams, membershipParams, startHarness, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

async function paidDonation(amount = 1000): Promise<Stripe.Checkout.Session> {
  const session = await h.stripe.checkout.sessions.create(donationParams(amount));
  return (
    await h.control<Stripe.Checkout.Session>(
      "POST",
      `/_emulator/checkout/sessions/${session.id}/complete`,
      { email: "r@example.com" },
    )
  ).body;
}

describe("idempotency", () => {
  it("replays the same response for the same key and parameters", async () => {
    const first = await h.stripe.checkout.sessions.create(donationParams(), {
      idempotencyKey: "key-1",
    });
    const second = await h.stripe.checkout.sessions.create(donationParams(), {
      idempotencyKey: "key-1",
    });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(second.lastResponse.requestId).toBe(first.lastResponse.requestId);
  });

  it("refuses the same key with other parameters", async () => {
    await h.stripe.checkout.sessions.create(donationParams(1000), { idempotencyKey: "key-2" });
    const error = await h.stripe.checkout.sessions
      .create(donationParams(2000), { idempotencyKey: "key-2" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
  });

  it("does not save a request that failed validation", async () => {
    const bad = {
      ...donationParams(),
      mode: "nope",
    } as unknown as Stripe.Checkout.SessionCreateParams;
    await expect(
      h.stripe.checkout.sessions.create(bad, { idempotencyKey: "key-3" }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const good = await h.stripe.checkout.sessions.create(donationParams(), {
      idempotencyKey: "key-3",
    });
    expect(good.id).toMatch(/^cs_test_/);
  });
  it("replays a request that ran and failed: the same error, marked replayed, nothing done again", async () => {
    const session = await paidDonation(1000);
    await h.stripe.refunds.create({ payment_intent: String(session.payment_intent) });
    const first = await h.stripe.refunds
      .create({ payment_intent: String(session.payment_intent) }, { idempotencyKey: "key-4" })
      .catch((e: unknown) => e);
    expect(first).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    const second = await h.stripe.refunds
      .create({ payment_intent: String(session.payment_intent) }, { idempotencyKey: "key-4" })
      .catch((e: unknown) => e);
    expect(second).toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
      requestId: (first as Stripe.errors.StripeError).requestId,
    });
    expect((second as Stripe.errors.StripeError).headers?.["idempotent-replayed"]).toBe("true");
  });

  it("a failed request's key cannot be reused with other parameters", async () => {
    const session = await paidDonation(1000);
    await h.stripe.refunds.create({ payment_intent: String(session.payment_intent) });
    await expect(
      h.stripe.refunds.create(
        { payment_intent: String(session.payment_intent) },
        { idempotencyKey: "key-5" },
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
    const other = await h.stripe.refunds
      .create(
        { payment_intent: String(session.payment_intent), amount: 1 },
        { idempotencyKey: "key-5" },
      )
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe("errors", () => {
  it("uses Stripe's envelope, statuses and parameter paths", async () => {
    const response = await fetch(`${h.emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_x",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=abc",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        type: "invalid_request_error",
        code: "parameter_invalid_integer",
        doc_url: expect.any(String),
        message: "Invalid integer: abc",
        param: "line_items[0][price_data][unit_amount]",
      },
    });
  });

  const cases: Array<[string, object, string | undefined, string | undefined]> = [
    [
      "no line items",
      { ...donationParams(), line_items: undefined },
      "parameter_missing",
      "line_items",
    ],
    [
      "no quantity",
      {
        ...donationParams(),
        line_items: [
          { price_data: { currency: "usd", unit_amount: 500, product_data: { name: "x" } } },
        ],
      },
      "parameter_missing",
      "line_items[0][quantity]",
    ],
    ["below the minimum", donationParams(10), "amount_too_small", undefined],
    [
      "recurring price in payment mode",
      { ...membershipParams(), mode: "payment", subscription_data: undefined },
      undefined,
      "line_items",
    ],
    [
      "subscription_data in payment mode",
      { ...donationParams(), subscription_data: { metadata: { a: "b" } } },
      undefined,
      "subscription_data",
    ],
    [
      "invalid success_url",
      { ...donationParams(), success_url: "not a url" },
      "url_invalid",
      "success_url",
    ],
  ];
  it.each(cases)(
    "create with %s: StripeInvalidRequestError",
    async (_label, params, code, param) => {
      const error = await h.stripe.checkout.sessions
        .create(params as Stripe.Checkout.SessionCreateParams)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({
        statusCode: 400,
        ...(code ? { code } : {}),
        ...(param ? { param } : {}),
      });
    },
  );

  it("404 resource_missing for unknown objects", async () => {
    for (const call of [
      () => h.stripe.subscriptions.retrieve("sub_missing"),
      () => h.stripe.invoices.retrieve("in_missing"),
      () => h.stripe.paymentIntents.retrieve("pi_missing"),
      () => h.stripe.charges.retrieve("ch_missing"),
      () => h.stripe.checkout.sessions.retrieve("cs_test_missing"),
      () => h.stripe.events.retrieve("evt_missing"),
    ]) {
      await expect(call()).rejects.toMatchObject({
        type: "StripeInvalidRequestError",
        statusCode: 404,
        code: "resource_missing",
      });
    }
  });

  it("rejects unknown parameters where Stripe does, unknown URLs and missing keys", async () => {
    const session = await paidDonation();
    await expect(
      h.stripe.refunds.create({
        payment_intent: String(session.payment_intent),
        foo: "bar",
      } as Stripe.RefundCreateParams),
    ).rejects.toMatchObject({
      code: "parameter_unknown",
      param: "foo",
    });
    const unknown = await fetch(`${h.emulator.url}/v1/coupons`, {
      headers: { authorization: "Bearer sk_test_x" },
    });
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(`${h.emulator.url}/v1/events`);
    expect(anonymous.status).toBe(401);
    const noKey = new Stripe("sk_live_nope", {
      host: "127.0.0.1",
      port: Number(new URL(h.emulator.url).port),
      protocol: "http",
    });
    await expect(noKey.events.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it("rejects paths that cannot be expanded", async () => {
    const session = await h.stripe.checkout.sessions.create(donationParams());
    await expect(
      h.stripe.checkout.sessions.retrieve(session.id, { expand: ["nonsense"] }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("refunds", () => {
  it("partial then full refund: charge.refunded with cumulative amount_refunded, then refund.created", async () => {
    const session = await paidDonation(1000);
    await h.flush();
    const seen = h.receiver.events.length;
    const partial = await h.stripe.refunds.create(
      { payment_intent: String(session.payment_intent), amount: 300 },
      { idempotencyKey: "refund-1" },
    );
    expect(partial).toMatchObject({
      object: "refund",
      amount: 300,
      status: "succeeded",
      payment_intent: session.payment_intent,
      currency: "usd",
    });
    expect(partial.id).toMatch(/^re_/);
    const rest = await h.stripe.refunds.create({
      charge: String(partial.charge),
      reason: "requested_by_customer",
    });
    expect(rest.amount).toBe(700);
    await expect(h.stripe.refunds.create({ charge: String(partial.charge) })).rejects.toMatchObject(
      { code: "charge_already_refunded" },
    );
    await h.flush();
    const events = h.receiver.events.slice(seen);
    expect(events.map((e) => e.type)).toEqual([
      "charge.refunded",
      "refund.created",
      "charge.refunded",
      "refund.created",
    ]);
    expect(events[0]!.data.object).toMatchObject({ amount_refunded: 300, refunded: false });
    expect(events[0]!.data.previous_attributes).toEqual({ amount_refunded: 0 });
    expect(events[2]!.data.object).toMatchObject({ amount_refunded: 1000, refunded: true });
    expect(events[0]!.request).toEqual({
      id: expect.stringMatching(/^req_/),
      idempotency_key: "refund-1",
    });
    const charge = await h.stripe.charges.retrieve(String(partial.charge), { expand: ["refunds"] });
    expect(charge.refunds?.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
  });

  it("an expanded charge.refunds holds the first 10, newest first, with has_more; GET /v1/refunds pages through all", async () => {
    const session = await paidDonation(5000);
    const other = await paidDonation(5000);
    await h.stripe.refunds.create({ payment_intent: String(other.payment_intent), amount: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.unshift(
        (
          await h.stripe.refunds.create({
            payment_intent: String(session.payment_intent),
            amount: 100,
          })
        ).id,
      );
    const pi = await h.stripe.paymentIntents.retrieve(String(session.payment_intent));
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge), {
      expand: ["refunds"],
    });
    expect(charge.refunds).toMatchObject({
      object: "list",
      has_more: true,
      url: `/v1/refunds?charge=${charge.id}`,
    });
    expect(charge.refunds!.data.map((r) => r.id)).toEqual(ids.slice(0, 10));

    const first = await h.stripe.refunds.list({ charge: charge.id, limit: 5 });
    expect(first).toMatchObject({ object: "list", has_more: true, url: "/v1/refunds" });
    expect(first.data.map((r) => r.id)).toEqual(ids.slice(0, 5));
    const next = await h.stripe.refunds.list({
      charge: charge.id,
      limit: 5,
      starting_after: first.data[4]!.id,
    });
    expect(next.data.map((r) => r.id)).toEqual(ids.slice(5, 10));
    const back = await h.stripe.refunds.list({
      charge: charge.id,
      limit: 2,
      ending_before: next.data[0]!.id,
    });
    expect(back.data.map((r) => r.id)).toEqual(ids.slice(3, 5));
    expect(
      await h.stripe.refunds
        .list({ charge: charge.id, limit: 100 })
        .autoPagingToArray({ limit: 100 }),
    ).toHaveLength(12);
    expect((await h.stripe.refunds.list({ limit: 100 })).data).toHaveLength(13);
    expect(
      (await h.stripe.refunds.list({ payment_intent: String(other.payment_intent) })).data,
    ).toHaveLength(1);
    await expect(
      h.stripe.refunds.list({ charge: charge.id, colour: "red" } as never),
    ).rejects.toMatchObject({ code: "parameter_unknown" });
  });

  it("cannot refund more than is left", async () => {
    const session = await paidDonation(1000);
    await expect(
      h.stripe.refunds.create({ payment_intent: String(session.payment_intent), amount: 1001 }),
    ).rejects.toMatchObject({
      code: "amount_too_large",
      param: "amount",
    });
  });
});

describe("events API", () => {
  it("lists newest first with cursors, type and created filters", async () => {
    await paidDonation();
    await paidDonation();
    const all = (
      await h.control<{ data: Array<{ id: string }> }>("GET", "/_emulator/events")
    ).body.data
      .map((e) => e.id)
      .reverse();
    expect(all).toHaveLength(8);

    const first = await h.stripe.events.list({ limit: 3 });
    expect(first).toMatchObject({ object: "list", has_more: true, url: "/v1/events" });
    expect(first.data.map((e) => e.id)).toEqual(all.slice(0, 3));
    const second = await h.stripe.events.list({ limit: 3, starting_after: first.data[2]!.id });
    expect(second.data.map((e) => e.id)).toEqual(all.slice(3, 6));
    const back = await h.stripe.events.list({ limit: 2, ending_before: second.data[0]!.id });
    expect(back.data.map((e) => e.id)).toEqual(all.slice(1, 3));

    const completed = await h.stripe.events.list({
      types: ["checkout.session.completed", "customer.created"],
    });
    expect(completed.data.map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "customer.created",
      "checkout.session.completed",
      "customer.created",
    ]);
    expect((await h.stripe.events.list({ type: "charge.*" })).data).toHaveLength(2);
    const created = first.data[0]!.created;
    expect((await h.stripe.events.list({ created: { gt: created } })).data).toHaveLength(0);
    expect((await h.stripe.events.list({ created: { gte: created - 60 } })).data).toHaveLength(8);

    const auto: string[] = [];
    for await (const event of h.stripe.events.list({ limit: 3 })) auto.push(event.id);
    expect(auto).toEqual(all);
    const one = await h.stripe.events.retrieve(all[0]!);
    expect(one).toMatchObject({ id: all[0], object: "event", api_version: "2026-10-28.endive" });
  });
});
