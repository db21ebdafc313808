import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { parseEnv } from "@/lib/env";

export { emulatorControl } from "../emulator-control";

/**
 * Test harness for the webhook pipeline without Next: an HTTP server that hands each request, raw body and
 * headers intact, to the real route handler; plus helpers to drive the emulator's test endpoints.
 */
export async function startWebhookReceiver(handle: (request: Request) => Promise<Response>) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(key, value);
    const response = await handle(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/stripe/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The webhook secret of this test run: what the app under test verifies with (STRIPE_WEBHOOK_SECRET, generated
 * per run by vitest.setup.ts or the bench; never one written in the source). Read fresh, not through the
 * cached env(), since harnesses set up the environment before the app's modules load.
 */
export function testWebhookSecret(): string {
  return parseEnv(process.env).webhookSecret;
}

/** Signs and posts an event exactly as Stripe (and the emulator) would. */
export async function postSignedEvent(
  url: string,
  event: unknown,
  secret = testWebhookSecret(),
): Promise<number> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  await response.text();
  return response.status;
}
