import { describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../../db";
import { handleWebhookRequest } from "./handle-request";
import { checkoutSession, event, id, subscription } from "@/test/stripe/webhook/test-events";
import { lockedBackends, waitFor } from "@/test/stripe/webhook/test-faults";
import { postSignedEvent } from "@/test/stripe/webhook/test-harness";

/**
 * Races the storm can only hit by luck, made to happen every time: the test holds a table lock that stops one
 * delivery at a chosen point inside its transaction while another delivery runs.
 */
const backends = setUpTestBackends({ receiver: handleWebhookRequest, side: true });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two deliveries for one person at once", () => {
  it("never loses what one event recorded while another merged that person into their earlier self", async () => {
    // A reader gave before (a supporter with an email); their new membership's first event names only the new
    // Stripe customer, so it makes a second, email-less supporter — until an event with the email merges them.
    const email = "merge-race@example.com";
    await db.supporter.create({ data: { email } });
    const customer = id("cus_");
    const [first, second] = [id("sub_"), id("sub_")];
    expect(
      await postSignedEvent(
        backends.webhookUrl,
        event("customer.subscription.created", subscription({ id: first, customer })),
      ),
    ).toBe(200);

    // Stop the merge after it has moved the supporter's rows and before it deletes the supporter (its last move
    // is of remind-laters), and meanwhile deliver an event that records a new row for the same customer.
    await backends.side.query("BEGIN");
    await backends.side.query(`LOCK TABLE "RemindLater" IN EXCLUSIVE MODE`);
    const merging = postSignedEvent(
      backends.webhookUrl,
      event(
        "checkout.session.completed",
        checkoutSession({ mode: "subscription", customer, email, subscription: first }),
      ),
    );
    await waitFor(() => lockedBackends(backends.side, backends.database.name));
    const recording = postSignedEvent(
      backends.webhookUrl,
      event("customer.subscription.created", subscription({ id: second, customer })),
    );
    await pause(300);
    await backends.side.query("ROLLBACK");
    expect(await merging).toBe(200);
    expect(await recording).toBe(200);

    // Before the fix, the second membership was committed pointing at the email-less supporter, and the merge's
    // delete of that supporter then cascaded to it: acknowledged, in the ledger, and gone.
    const person = await db.supporter.findUniqueOrThrow({
      where: { email },
      include: { memberships: true, customers: true },
    });
    expect(person.memberships.map((m) => m.stripeSubscriptionId).sort()).toEqual(
      [first, second].sort(),
    );
    expect(person.customers.map((c) => c.id)).toEqual([customer]);
    expect(
      await db.membership.count({ where: { stripeSubscriptionId: { in: [first, second] } } }),
    ).toBe(2);
  });

  it("never moves a checkout attempt back when its failure and its completion are applied at once", async () => {
    // A bank debit: checkout.session.completed (unpaid) and then async_payment_failed, delivered the other way
    // round and both at once. Both wait on the supporter's lock (held here); the failure gets it first.
    const email = "debit-race@example.com";
    const customer = id("cus_");
    const person = await db.supporter.create({
      data: { email, customers: { create: { id: customer } } },
    });
    const attempt = await db.checkoutAttempt.create({
      data: {
        frequency: "ONCE",
        amount: 3000,
        currency: "EUR",
        surface: "race",
        variant: "default",
      },
    });
    const session = {
      mode: "payment" as const,
      customer,
      email,
      paymentIntent: id("pi_"),
      amount: 3000,
      paid: false,
      metadata: { checkout_attempt_id: attempt.id },
    };
    const sessionId = id("cs_test_");

    await backends.side.query("BEGIN");
    await backends.side.query(`SELECT id FROM "Supporter" WHERE id = $1 FOR UPDATE`, [person.id]);
    const failed = postSignedEvent(
      backends.webhookUrl,
      event(
        "checkout.session.async_payment_failed",
        checkoutSession({ ...session, id: sessionId }),
      ),
    );
    await waitFor(() => lockedBackends(backends.side, backends.database.name));
    const completed = postSignedEvent(
      backends.webhookUrl,
      event("checkout.session.completed", checkoutSession({ ...session, id: sessionId })),
    );
    await waitFor(async () =>
      (await lockedBackends(backends.side, backends.database.name)).length >= 2 ? [true] : [],
    );
    await backends.side.query("ROLLBACK");
    expect([await failed, await completed]).toEqual([200, 200]);

    // Before the fix the completion, which had read the attempt as open before waiting, set it back to
    // "awaiting payment" after the failure had settled it.
    expect(await db.checkoutAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject(
      { status: "FAILED", supporterId: person.id },
    );
    expect(
      await db.payment.findUniqueOrThrow({ where: { stripeId: session.paymentIntent } }),
    ).toMatchObject({ status: "FAILED" });
  });

  it("applies a redelivery that arrives while the first delivery is still in progress exactly once", async () => {
    const customer = id("cus_");
    const created = event(
      "customer.subscription.created",
      subscription({ id: id("sub_"), customer, amount: 700 }),
    );
    await backends.side.query("BEGIN");
    await backends.side.query(`LOCK TABLE "Membership" IN SHARE MODE`); // the first delivery stops at its insert
    const slow = postSignedEvent(backends.webhookUrl, created);
    await waitFor(() => lockedBackends(backends.side, backends.database.name));
    // Stripe gave up waiting and sent it again: the retry waits on the first delivery's ledger row.
    const retry = postSignedEvent(backends.webhookUrl, created);
    await waitFor(async () =>
      (await lockedBackends(backends.side, backends.database.name)).length >= 2 ? [true] : [],
    );
    await backends.side.query("ROLLBACK");
    expect([await slow, await retry]).toEqual([200, 200]);
    expect(await db.membership.count({ where: { stripeCustomerId: customer } })).toBe(1);
    expect(await db.stripeEvent.count({ where: { id: created.id } })).toBe(1);
  });
});
