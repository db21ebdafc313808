import { startHarness, type Harness } from "@reader-revenue/stripe-emulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkoutSessionParams } from "./session-params";

let h: Harness;
beforeEach(async () => void (h = await startHarness()));
afterEach(async () => h.close());

describe("the Stripe emulator, as strict as Stripe", () => {
  it("takes every Checkout Session the app creates", async () => {
    const ctx = { attemptId: "att_1", appUrl: "http://127.0.0.1:3000", publication: "The Daily" };
    for (const frequency of ["ONCE", "MONTHLY", "ANNUAL"] as const) {
      for (const currency of ["USD", "EUR", "GBP"] as const) {
        const session = await h.stripe.checkout.sessions.create(
          checkoutSessionParams(
            { frequency, currency, amount: 1000, surface: "support-page", variant: "default" },
            ctx,
          ),
        );
        expect(session.status).toBe("open");
      }
    }
  });
});
