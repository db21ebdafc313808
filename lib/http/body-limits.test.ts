import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { testWebhookSecret } from "../stripe/webhook/test-harness";
import { countingStream } from "./test-streams";

/**
 * Every handler that reads a body, sent a chunked body (no Content-Length) far over its cap: each answers 413
 * having pulled at most a few chunks past the cap, and cancels the rest (nothing is buffered whole).
 */
const APP = "http://127.0.0.1:3000";
type Handler = (request: never) => Promise<Response>;
const handlers: Record<
  string,
  { handler: Handler; url: string; headers: Record<string, string>; cap: number }
> = {};

beforeAll(async () => {
  delete process.env.DATABASE_URL; // none of these get as far as the database
  Object.assign(process.env, { APP_URL: APP, RATE_LIMIT_FORMS_PER_IP: "1000" });
  const json = { "content-type": "application/json", origin: APP };
  const form = { "content-type": "application/x-www-form-urlencoded", origin: APP };
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: "{}",
    secret: testWebhookSecret(),
  });
  Object.assign(handlers, {
    webhook: {
      handler: (await import("../stripe/webhook/handle-request")).handleWebhookRequest,
      url: "/api/stripe/webhook",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      cap: 512 * 1024,
    },
    checkout: {
      handler: (await import("../checkout/handle-request")).handleCheckoutRequest,
      url: "/api/checkout",
      headers: json,
      cap: 8 * 1024,
    },
    "ask event": {
      handler: async (request: Request) =>
        (await import("../ask/handle-event")).handleAskEvent(request, () => undefined),
      url: "/api/ask/event",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      cap: 1024,
    },
    "ask remind later": {
      handler: (await import("../ask/handle-remind-later")).handleRemindLater,
      url: "/api/ask/remind-later",
      headers: json,
      cap: 4096,
    },
    recognise: {
      handler: (await import("../ask/handle-recognise")).handleRecognise,
      url: "/api/ask/recognise",
      headers: json,
      cap: 1024,
    },
    unsubscribe: {
      handler: (await import("../reminders/handle-unsubscribe")).handleUnsubscribe,
      url: `/api/reminders/unsubscribe?token=${"Z".repeat(32)}`,
      headers: form,
      cap: 1024,
    },
  });
});

describe("body caps, read as a stream", () => {
  for (const name of [
    "webhook",
    "checkout",
    "ask event",
    "ask remind later",
    "recognise",
    "unsubscribe",
  ]) {
    it(`${name}: 413 for a chunked body over the cap, without reading it all`, async () => {
      const { handler, url, headers, cap } = handlers[name]!;
      const chunk = 1024;
      const { stream, seen } = countingStream(Math.ceil((cap * 8) / chunk), chunk);
      const request = new Request(`${APP}${url}`, {
        method: "POST",
        headers: { ...headers, "x-forwarded-for": "192.0.2.44" },
        body: stream,
        duplex: "half",
      } as never);
      const response = await handler(request as never);
      expect(seen.pulled * chunk, "bytes read from the stream").toBeLessThanOrEqual(
        cap + 4 * chunk,
      );
      expect(seen.cancelled).toBe(true);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        "payload_too_large",
      );
    });
  }
});
