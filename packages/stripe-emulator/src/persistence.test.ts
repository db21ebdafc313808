import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./server";
import {
  donationParams,
  membershipParams,
  SECRET,
  startReceiver,
  type Receiver,
} from "./test-support";

let dir: string;
let statePath: string;
let receiver: Receiver;
let running: RunningEmulator | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  statePath = join(dir, "stripe-emulator.json");
  receiver = await startReceiver();
});
afterEach(async () => {
  await running?.close();
  running = null;
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(port = 0) {
  running = await startEmulator({
    port,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    retryDelaysMs: [10],
    statePath,
    log: () => {},
  });
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: Number(new URL(running.url).port),
    protocol: "http",
  });
  const control = async <T>(path: string, body: unknown = {}) =>
    (await (
      await fetch(`${running!.url}/_emulator/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify(body),
      })
    ).json()) as T;
  return { stripe, control, url: running.url };
}

/** A page's status on a fresh connection (a pooled keep-alive socket would still point at the stopped server). */
const status = (url: string) =>
  new Promise<number>((resolve, reject) =>
    get(url, { agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on(
      "error",
      reject,
    ),
  );

async function restart() {
  const port = Number(new URL(running!.url).port);
  await running!.close();
  running = null;
  return start(port);
}

describe("state kept across restarts", () => {
  it("customers, subscriptions, receipts, invoices, events, portal and idempotency keys survive a restart", async () => {
    const first = await start();
    const donation = await first.stripe.checkout.sessions.create(donationParams(), {
      idempotencyKey: "create-1",
    });
    const paid = await first.control<Stripe.Checkout.Session>(
      `checkout/sessions/${donation.id}/complete`,
      { email: "a@example.com" },
    );
    const membership = await first.stripe.checkout.sessions.create(membershipParams());
    const member = await first.control<Stripe.Checkout.Session>(
      `checkout/sessions/${membership.id}/complete`,
      { email: "m@example.com" },
    );
    await first.control("deliveries/flush");
    const pi = await first.stripe.paymentIntents.retrieve(String(paid.payment_intent), {
      expand: ["latest_charge"],
    });
    const charge = pi.latest_charge as Stripe.Charge;
    const sub = await first.stripe.subscriptions.retrieve(String(member.subscription));
    const invoice = await first.stripe.invoices.retrieve(String(sub.latest_invoice));
    const events = (await first.stripe.events.list({ limit: 100 })).data.map((e) => e.id);

    const second = await restart();
    expect(existsSync(statePath)).toBe(true);
    expect(readdirSync(dir)).toEqual(["stripe-emulator.json"]); // written atomically: no temporary file left
    expect(await status(charge.receipt_url!)).toBe(200);
    expect(await status(invoice.hosted_invoice_url!)).toBe(200);
    expect(await second.stripe.customers.retrieve(String(member.customer))).toMatchObject({
      email: "m@example.com",
    });
    expect(await second.stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: "active" });
    const portal = await second.stripe.billingPortal.sessions.create({
      customer: String(member.customer),
      return_url: "http://127.0.0.1:3000/account",
    });
    expect(await status(portal.url)).toBe(200);
    expect((await second.stripe.events.list({ limit: 100 })).data.map((e) => e.id)).toEqual(events);
    const replayed = await second.stripe.checkout.sessions.create(donationParams(), {
      idempotencyKey: "create-1",
    });
    expect(replayed.id).toBe(donation.id);
    expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");
    // New work continues from the restored state: a renewal of the restored subscription.
    const renewal = await second.control<Stripe.Invoice>(`subscriptions/${sub.id}/renew`);
    expect(renewal).toMatchObject({ status: "paid", billing_reason: "subscription_cycle" });
  });

  it("an event not yet delivered when the emulator stopped is delivered after the restart", async () => {
    const first = await start();
    await first.control("deliveries/pause");
    const donation = await first.stripe.checkout.sessions.create(donationParams());
    await first.control(`checkout/sessions/${donation.id}/complete`, { email: "a@example.com" });
    expect(receiver.events).toHaveLength(0);

    const second = await restart();
    await second.control("deliveries/flush");
    expect(receiver.events.map((e) => e.type)).toEqual([
      "customer.created",
      "payment_intent.succeeded",
      "charge.succeeded",
      "checkout.session.completed",
    ]);
  });

  it("without a state file nothing is written", async () => {
    running = await startEmulator({
      port: 0,
      webhookUrl: null,
      webhookSecret: SECRET,
      log: () => {},
    });
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: Number(new URL(running.url).port),
      protocol: "http",
    });
    await stripe.checkout.sessions.create(donationParams());
    await running.close();
    running = null;
    expect(readdirSync(dir)).toEqual([]);
  });
});
