import { describe, expect, it } from "vitest";
import { db } from "../db";
import { setUpTestBackends } from "@/test/db/test-backends";
import { loadAccount } from "./load-account";

setUpTestBackends();

const DAY = 86_400_000;

describe("a reader's gifts on /account", () => {
  it("are listed newest first by when the money moved, not by when the row was written", async () => {
    const supporter = await db.supporter.create({ data: { email: "order@example.org" } });
    const now = Date.parse("2026-12-01T12:00:00Z");
    // Written in this order (as a seed or a late webhook writes them), paid in another.
    type Row = {
      stripeId: string;
      paidAt: Date | null;
      status: "SUCCEEDED" | "FAILED" | "REFUNDED";
      createdAt?: Date;
    };
    const rows: Row[] = [
      { stripeId: "pi_sept", paidAt: new Date(now - 80 * DAY), status: "SUCCEEDED" },
      { stripeId: "pi_dec", paidAt: new Date(now - 1 * DAY), status: "SUCCEEDED" },
      {
        stripeId: "pi_failed_nov",
        paidAt: null,
        status: "FAILED",
        createdAt: new Date(now - 20 * DAY),
      },
      { stripeId: "pi_oct", paidAt: new Date(now - 50 * DAY), status: "REFUNDED" },
    ];
    for (const r of rows)
      await db.payment.create({
        data: {
          stripeId: r.stripeId,
          supporterId: supporter.id,
          kind: "ONE_TIME",
          status: r.status,
          amount: 1000,
          currency: "USD",
          paidAt: r.paidAt,
          receiptUrl: `https://pay.example/receipts/${r.stripeId}`,
          ...(r.createdAt ? { createdAt: r.createdAt } : {}),
        },
      });

    const { payments } = await loadAccount(db, supporter.id);
    expect(payments.map((p) => p.receiptUrl?.split("/").pop())).toEqual([
      "pi_dec",
      undefined, // failed: no receipt (there is no money to give one for)
      "pi_oct",
      "pi_sept",
    ]);
    expect(payments[1]).toMatchObject({ status: "FAILED", receiptUrl: null });
  });
});
