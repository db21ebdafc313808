import type Stripe from "stripe";
import type { Emulator } from "../context";
import { invalidRequest, resourceMissing } from "../errors";
import { expand } from "../expand";
import {
  completeCheckout,
  OUTCOMES,
  settleCheckout,
  type CheckoutOutcome,
} from "../flows/checkout";
import { importAccounts } from "../flows/import";
import { cancelSubscription, getSubscription, renewSubscription } from "../flows/subscriptions";
import { Router } from "../router";

/**
 * Test helpers under `/_emulator/` (JSON in, JSON out): they play the parts Stripe plays on its own — the
 * customer on the hosted page, the passing of billing periods, the webhook endpoint's outages.
 */
export type ControlHandler = (
  emu: Emulator,
  path: Record<string, string>,
  body: Record<string, unknown>,
) => unknown;

const text = (body: Record<string, unknown>, key: string): string | undefined =>
  typeof body[key] === "string" ? (body[key] as string) : undefined;

function deliveries(emu: Emulator) {
  return { object: "emulator.deliveries", ...emu.delivery.state() };
}

/** Renewal results come back with `payments` expanded, so tests see the invoice's payment intent directly. */
function withPayments(emu: Emulator, result: Stripe.Invoice | Stripe.Subscription): unknown {
  return result.object === "invoice" ? expand(emu, structuredClone(result), ["payments"]) : result;
}

async function flush(emu: Emulator, body: Record<string, unknown>) {
  const timeout = typeof body.timeout_ms === "number" ? body.timeout_ms : 60_000;
  let timer: NodeJS.Timeout | undefined;
  const idle = await Promise.race([
    emu.delivery.idle().then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeout))),
  ]);
  clearTimeout(timer);
  return { ...deliveries(emu), idle };
}

export function controlRouter(): Router<ControlHandler> {
  return new Router<ControlHandler>()
    .on("GET", "/_emulator/health", (emu) => ({
      ok: true,
      object: "emulator.health",
      base_url: emu.baseUrl,
      deliveries: deliveries(emu),
    }))
    .on("GET", "/_emulator/events", (emu) => ({
      object: "list",
      data: emu.events.all().map((r) => ({
        id: r.event.id,
        type: r.event.type,
        created: r.event.created,
        delivery: r.delivery,
        event: r.event,
      })),
    }))
    .on("POST", "/_emulator/events/:id/resend", (emu, path) => {
      const record = emu.events.get(path.id ?? "");
      if (!record) throw resourceMissing("event", path.id ?? "");
      emu.delivery.enqueue(record);
      return { id: record.event.id, type: record.event.type, delivery: record.delivery };
    })
    .on("POST", "/_emulator/deliveries/pause", (emu) => (emu.delivery.pause(), deliveries(emu)))
    .on("POST", "/_emulator/deliveries/resume", (emu) => (emu.delivery.resume(), deliveries(emu)))
    .on("POST", "/_emulator/deliveries/flush", (emu, _path, body) => flush(emu, body))
    .on("GET", "/_emulator/idle", (emu) => flush(emu, {}))
    .on("POST", "/_emulator/checkout/sessions/:id/complete", (emu, path, body) => {
      const outcome = text(body, "outcome") ?? "paid";
      if (!(OUTCOMES as readonly string[]).includes(outcome))
        throw invalidRequest(`Invalid outcome: must be one of ${OUTCOMES.join(", ")}`, "outcome");
      return completeCheckout(emu, path.id ?? "", {
        outcome: outcome as CheckoutOutcome,
        email: text(body, "email"),
        name: text(body, "name"),
      });
    })
    .on("POST", "/_emulator/checkout/sessions/:id/settle", (emu, path, body) => {
      const outcome = text(body, "outcome");
      if (outcome !== "succeeded" && outcome !== "failed")
        throw invalidRequest("Invalid outcome: must be one of succeeded, failed", "outcome");
      return settleCheckout(emu, path.id ?? "", outcome === "succeeded");
    })
    .on("POST", "/_emulator/subscriptions/:id/renew", (emu, path) =>
      withPayments(emu, renewSubscription(emu, getSubscription(emu, path.id ?? ""), true)),
    )
    .on("POST", "/_emulator/subscriptions/:id/fail_renewal", (emu, path) =>
      withPayments(emu, renewSubscription(emu, getSubscription(emu, path.id ?? ""), false)),
    )
    .on("POST", "/_emulator/subscriptions/:id/cancel", (emu, path) =>
      cancelSubscription(emu, getSubscription(emu, path.id ?? "")),
    )
    .on("POST", "/_emulator/import", (emu, _path, body) => importAccounts(emu, body));
}
