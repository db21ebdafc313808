import { afterEach, describe, expect, it } from "vitest";
import { donationParams, startHarness, startReceiver, type Harness } from "./test-support";
import { startEmulator } from "./server";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface ControlEvent {
  id: string;
  type: string;
  delivery: {
    status: string;
    attempts: number;
    last_http_status: number | null;
    last_error: string | null;
  };
}

async function donate(harness: Harness): Promise<void> {
  const session = await harness.stripe.checkout.sessions.create(donationParams());
  await harness.control("POST", `/_emulator/checkout/sessions/${session.id}/complete`, {
    email: "w@example.com",
  });
}

/** What a one-time gift through Checkout raises, in Stripe's order. */
const DONATION_EVENTS = [
  "customer.created",
  "payment_intent.succeeded",
  "charge.succeeded",
  "checkout.session.completed",
];
describe("webhook delivery", () => {
  it("signs every event for the SDK's constructEvent and records deliveries", async () => {
    h = await startHarness();
    await donate(h);
    await h.flush();
    expect(h.receiver.rejected).toEqual([]);
    expect(h.receiver.events).toHaveLength(4);
    const listed = (await h.control<{ data: ControlEvent[] }>("GET", "/_emulator/events")).body
      .data;
    expect(listed.map((e) => e.delivery)).toEqual(
      listed.map(() => ({
        status: "delivered",
        attempts: 1,
        last_http_status: 200,
        last_error: null,
        delivered_at: expect.any(Number),
      })),
    );
    // Once delivered, the API reports no pending webhooks (the payload sent keeps its original value).
    const fromApi = await h.stripe.events.retrieve(listed[0]!.id);
    expect(fromApi.pending_webhooks).toBe(0);
  });

  it("retries on non-2xx with backoff, then delivers", async () => {
    h = await startHarness({ retryDelaysMs: [10, 10, 10] });
    h.receiver.failNext(2);
    await donate(h);
    await h.flush();
    expect(h.types()).toEqual(DONATION_EVENTS);
    const first = (await h.control<{ data: ControlEvent[] }>("GET", "/_emulator/events")).body
      .data[0]!;
    expect(first.delivery).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("gives up after the last attempt without stopping later events", async () => {
    h = await startHarness({ retryDelaysMs: [5] });
    h.receiver.failNext(2);
    await donate(h);
    await h.flush();
    const listed = (await h.control<{ data: ControlEvent[] }>("GET", "/_emulator/events")).body
      .data;
    expect(listed[0]!.delivery).toMatchObject({
      status: "failed",
      attempts: 2,
      last_http_status: 500,
      last_error: "HTTP 500",
    });
    expect(h.types()).toEqual([
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.completed",
    ]);
    expect((await h.control("GET", "/_emulator/health")).body).toMatchObject({ ok: true });
  });

  it("resend redelivers exactly the same payload and id", async () => {
    h = await startHarness();
    await donate(h);
    await h.flush();
    const target = h.receiver.events[3]!;
    const resent = await h.control("POST", `/_emulator/events/${target.id}/resend`);
    expect(resent.status).toBe(200);
    await h.flush();
    expect(h.receiver.events).toHaveLength(5);
    expect(h.receiver.events[4]!.id).toBe(target.id);
    expect(h.receiver.bodies[4]).toBe(h.receiver.bodies[3]);
    expect((await h.control("POST", "/_emulator/events/evt_missing/resend")).status).toBe(404);
  });

  it("pause holds events; resume delivers them in order", async () => {
    h = await startHarness();
    await h.control("POST", "/_emulator/deliveries/pause");
    await donate(h);
    const held = await h.control("POST", "/_emulator/deliveries/flush");
    expect(held.body).toMatchObject({ paused: true, pending: 4, idle: true });
    expect(h.receiver.events).toHaveLength(0);
    await h.control("POST", "/_emulator/deliveries/resume");
    await h.flush();
    expect(h.types()).toEqual(DONATION_EVENTS);
  });

  it("an unreachable endpoint is logged, not fatal", async () => {
    const receiver = await startReceiver();
    await receiver.close(); // nothing listens there any more
    const logs: string[] = [];
    const running = await startEmulator({
      port: 0,
      webhookUrl: receiver.url,
      webhookSecret: "whsec_x",
      retryDelaysMs: [5],
      log: (m) => logs.push(m),
    });
    try {
      const created = await fetch(`${running.url}/v1/billing_portal/sessions`, {
        method: "POST",
        headers: { authorization: "Bearer sk_test_x" },
        body: "customer=cus_missing",
      });
      expect(created.status).toBe(404);
      running.emulator.emit("customer.created", { id: "cus_x", object: "customer" });
      await running.emulator.delivery.idle();
      expect(logs.join("\n")).toMatch(/not delivered/);
      expect((await fetch(`${running.url}/_emulator/health`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
