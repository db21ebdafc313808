import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../db";
import { isAppError } from "../errors/app-error";
import { startEmulator, type RunningEmulator } from "@reader-revenue/stripe-emulator/server";
import { createPortalSession, CUSTOMER_MISSING_MESSAGE } from "./portal";

let emulator: RunningEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    webhookUrl: null,
    webhookSecret: "whsec_test",
    log: () => {},
  });
  stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: Number(new URL(emulator.url).port),
    protocol: "http",
  });
});
afterAll(async () => emulator?.close());

/** Only the membership lookup is needed: the reader owns a membership whose Stripe customer is `customerId`. */
const dbWith = (customerId: string) =>
  ({ membership: { findFirst: async () => ({ stripeCustomerId: customerId }) } }) as unknown as Db;

async function failure(run: Promise<unknown>) {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("createPortalSession", () => {
  it("a customer the payment provider does not have: says so (not 'could not reach'), and a retry will not help", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await failure(
      createPortalSession(
        { db: dbWith("cus_gone"), stripe, appUrl: "http://127.0.0.1:3000" },
        "sup_1",
        "mem_1",
      ),
    );
    expect(error).toMatchObject({
      code: "not_found",
      message: CUSTOMER_MISSING_MESSAGE,
      details: { reason: "customer_missing" },
    });
    expect(error.message).not.toMatch(/could not reach/i);
  });

  it("an unreachable payment provider is still upstream_unavailable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const down = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: 9,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const error = await failure(
      createPortalSession(
        { db: dbWith("cus_any"), stripe: down, appUrl: "http://127.0.0.1:3000" },
        "sup_1",
        "mem_1",
      ),
    );
    expect(error.code).toBe("upstream_unavailable");
  });
});
