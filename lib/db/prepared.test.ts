import { describe, expect, it } from "vitest";
import { prepare } from "./prepared";
import { enumValue, q } from "./query";
import type { Sql } from "./sql";

function recorder() {
  const calls: Array<{ text: string; values: readonly unknown[] }> = [];
  const sql: Sql = {
    query: async (text, values = []) => {
      calls.push({ text, values });
      return [] as never[];
    },
  };
  return { sql, calls };
}

describe("prepare", () => {
  const update = prepare((p: { id: string; status: "FAILED" | "SUCCEEDED"; amount: number }) =>
    q
      .updateTable("Payment")
      .set({ status: enumValue("PaymentStatus", p.status), amount: p.amount })
      .where("id", "=", p.id)
      .where("amountRefunded", "=", 0),
  );

  it("compiles once and binds each run's values in the statement's order, constants kept", async () => {
    const { sql, calls } = recorder();
    await update.exec(sql, { id: "pay_1", status: "FAILED", amount: 500 });
    await update.exec(sql, { id: "pay_2", status: "SUCCEEDED", amount: 700 });
    expect(calls[0]!.text).toBe(calls[1]!.text);
    expect(calls[0]!.text).toBe(
      'update "Payment" set "status" = CAST($1 AS "PaymentStatus"), "amount" = $2 where "id" = $3 and "amountRefunded" = $4',
    );
    expect(calls.map((c) => c.values)).toEqual([
      ["FAILED", 500, "pay_1", 0],
      ["SUCCEEDED", 700, "pay_2", 0],
    ]);
  });

  it("refuses a build that spreads its parameters (which would silently drop the columns)", () => {
    const spread = prepare((p: { id: string; type: string }) =>
      q
        .insertInto("StripeEvent")
        .values({ ...p, created: new Date(0), livemode: false, outcome: "applied" }),
    );
    expect(() => spread.text).toThrow(/do not spread/);
  });
});
