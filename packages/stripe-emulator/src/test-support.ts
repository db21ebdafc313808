/** Shared set-up for the emulator's tests: a started emulator, the real SDK, and a verifying webhook receiver. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "./server";

export const SECRET = "whsec_test_emulator_suite";

export interface Receiver {
  url: string;
  /** Verified events, in arrival order. */
  events: Stripe.Event[];
  /** Raw bodies as received, in arrival order. */
  bodies: string[];
  /** Signature failures (should stay empty). */
  rejected: string[];
  /** Answer 500 to the next `n` deliveries (an outage). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** A stand-in for the app's webhook route: verifies every delivery with the SDK, as the app must. */
export async function startReceiver(secret = SECRET): Promise<Receiver> {
  const verifier = new Stripe("sk_test_receiver");
  const events: Stripe.Event[] = [];
  const bodies: string[] = [];
  const rejected: string[] = [];
  let failures = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (failures > 0) {
      failures -= 1;
      res.writeHead(500).end("down");
      return;
    }
    try {
      events.push(
        verifier.webhooks.constructEvent(raw, String(req.headers["stripe-signature"]), secret),
      );
      bodies.push(raw);
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    } catch (error) {
      rejected.push(String(error));
      res.writeHead(400).end("bad signature");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/stripe/webhook`,
    events,
    bodies,
    rejected,
    failNext: (n) => void (failures = n),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Harness {
  stripe: Stripe;
  emulator: RunningEmulator;
  receiver: Receiver;
  /** Calls a `/_emulator/` endpoint; returns status and JSON. */
  control<T = Record<string, unknown>>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Waits until every event so far was delivered (or gave up). */
  flush(): Promise<void>;
  /** Types of the verified events received so far. */
  types(): string[];
  close(): Promise<void>;
}

export async function startHarness(options: { retryDelaysMs?: number[] } = {}): Promise<Harness> {
  const receiver = await startReceiver();
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    retryDelaysMs: options.retryDelaysMs ?? [10, 20, 40],
    log: () => undefined,
  });
  const { port } = new URL(emulator.url);
  // Exactly how the app constructs its client for the emulator.
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: Number(port),
    protocol: "http",
  });
  const control: Harness["control"] = async (method, path, body) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    stripe,
    emulator,
    receiver,
    control,
    flush: async () => void (await control("POST", "/_emulator/deliveries/flush")),
    types: () => receiver.events.map((e) => e.type),
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** Checkout Sessions of the two kinds a donations app makes: a one-time gift and a membership. */
export function donationParams(amount = 1000): Stripe.Checkout.SessionCreateParams {
  const metadata = { checkout_attempt_id: "att_1", frequency: "ONCE" };
  return {
    mode: "payment",
    submit_type: "donate",
    customer_creation: "always",
    client_reference_id: "att_1",
    metadata,
    success_url: "http://localhost:3000/support/thanks?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/support?cancelled=1",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: amount,
          product_data: { name: "One-time gift" },
        },
      },
    ],
    payment_intent_data: { metadata, description: "One-time gift" },
  };
}

export function membershipParams(
  amount = 500,
  interval: "month" | "year" = "month",
): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    checkout_attempt_id: "att_2",
    frequency: interval === "month" ? "MONTHLY" : "ANNUAL",
  };
  return {
    mode: "subscription",
    client_reference_id: "att_2",
    metadata,
    success_url: "http://localhost:3000/support/thanks?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/support?cancelled=1",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "eur",
          unit_amount: amount,
          recurring: { interval },
          product_data: { name: "Membership" },
        },
      },
    ],
    subscription_data: { metadata },
  };
}
