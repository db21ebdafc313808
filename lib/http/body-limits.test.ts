import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { testWebhookSecret } from "@/test/stripe/webhook/test-harness";
import { countingStream } from "@/test/http/test-streams";
import { handleWebhookRequest } from "../stripe/webhook/handle-request";
import { handleCheckoutRequest } from "../checkout/handle-request";
import { handleAskEvent } from "../ask/handle-event";
import { handleRemindLater } from "../ask/handle-remind-later";
import { handleRecognise } from "../ask/handle-recognise";
import { handleUnsubscribe } from "../reminders/handle-unsubscribe";
import { setEnvForTests } from "../env";

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
  // none of these get as far as the database
  setEnvForTests({ DATABASE_URL: undefined, APP_URL: APP, RATE_LIMIT_FORMS_PER_IP: "1000" });
  const json = { "content-type": "application/json", origin: APP };
  const form = { "content-type": "application/x-www-form-urlencoded", origin: APP };
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: "{}",
    secret: testWebhookSecret(),
  });
  Object.assign(handlers, {
    webhook: {
      handler: handleWebhookRequest,
      url: "/api/stripe/webhook",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      cap: 512 * 1024,
    },
    checkout: {
      handler: handleCheckoutRequest,
      url: "/api/checkout",
      headers: json,
      cap: 8 * 1024,
    },
    "ask event": {
      handler: handleAskEvent,
      url: "/api/ask/event",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      cap: 1024,
    },
    "ask remind later": {
      handler: handleRemindLater,
      url: "/api/ask/remind-later",
      headers: json,
      cap: 4096,
    },
    recognise: {
      handler: handleRecognise,
      url: "/api/ask/recognise",
      headers: json,
      cap: 1024,
    },
    unsubscribe: {
      handler: handleUnsubscribe,
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
