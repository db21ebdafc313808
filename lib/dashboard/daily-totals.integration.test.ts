import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { pgSqlDatabase } from "../db/sql";
import { summarise } from "./overview";

/**
 * DailyTotal under concurrent writers: the triggers upsert with increments in the writers' own transactions, so
 * webhooks recording payments on the same day add up, and two transactions moving payments between the same
 * two days in opposite directions take the day rows' locks in the same (key) order instead of deadlocking.
 */
let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 12 });
  pool.on("error", () => {});
});

afterAll(async () => {
  if (pool && !pool.ended) await pool.end();
  await database?.drop();
});

beforeEach(async () => {
  await pool.query(`DELETE FROM "Supporter"`);
  await pool.query(`INSERT INTO "Supporter" (id, "updatedAt") VALUES ('s', now())`);
});

const insertPayment = (
  client: pg.PoolClient | pg.Pool,
  id: string,
  paidAt: string,
  amount = 1000,
) =>
  client.query(
    `INSERT INTO "Payment" (id, "stripeId", "supporterId", kind, status, amount, currency, "paidAt", "createdAt", "updatedAt")
     VALUES ($1, $1, 's', 'ONE_TIME', 'SUCCEEDED', $2, 'USD', $3, $3, now())`,
    [id, amount, paidAt],
  );

/** Runs `work` in its own transaction on its own connection. */
async function inTransaction(work: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

const paidOn = async (day: string) =>
  (
    await pool.query<{ count: number; amount: string }>(
      `SELECT count, amount::text FROM "DailyTotal" WHERE measure = 'PAYMENT_PAID' AND day = $1 AND status = 'SUCCEEDED'`,
      [day],
    )
  ).rows[0];

const sleep = (client: pg.PoolClient) => client.query("SELECT pg_sleep(0.02)");

describe("DailyTotal under concurrent writers", () => {
  it("adds up the payments of transactions that record the same day at the same time", async () => {
    const writers = 10;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        inTransaction(async (client) => {
          await insertPayment(client, `p${i}`, "2026-03-10T12:00:00Z", 100 + i);
          await sleep(client); // hold the day row's lock while the others wait for it
        }),
      ),
    );
    expect(await paidOn("2026-03-10")).toEqual({
      count: writers,
      amount: String(Array.from({ length: writers }, (_, i) => 100 + i).reduce((a, b) => a + b)),
    });
    const { currencies } = await summarise(pgSqlDatabase(pool), {
      start: new Date("2026-03-10T06:00:00Z"),
      end: new Date("2026-03-12T06:00:00Z"),
    });
    expect(currencies.map((c) => [c.currency, c.grossRevenue])).toEqual([["USD", 1045]]);
  });

  it("moves payments between two days in opposite directions at once without a deadlock", async () => {
    await insertPayment(pool, "a", "2026-03-10T12:00:00Z", 100);
    await insertPayment(pool, "b", "2026-03-11T12:00:00Z", 200);
    const move = (id: string, to: string) =>
      inTransaction(async (client) => {
        await client.query(`UPDATE "Payment" SET "paidAt" = $2 WHERE id = $1`, [id, to]);
        await sleep(client);
      });
    await Promise.all([move("a", "2026-03-11T08:00:00Z"), move("b", "2026-03-10T08:00:00Z")]);
    expect(await paidOn("2026-03-10")).toEqual({ count: 1, amount: "200" });
    expect(await paidOn("2026-03-11")).toEqual({ count: 1, amount: "100" });
  });

  it("follows a payment that fails, then succeeds on a later day, then is deleted", async () => {
    await pool.query(
      `INSERT INTO "Payment" (id, "stripeId", "supporterId", kind, status, amount, currency, "createdAt", "updatedAt")
       VALUES ('f', 'f', 's', 'RECURRING', 'FAILED', 500, 'EUR', '2026-03-10T23:59:59.999Z', now())`,
    );
    await pool.query(
      `UPDATE "Payment" SET status = 'SUCCEEDED', "paidAt" = '2026-03-12T00:00:00Z' WHERE id = 'f'`,
    );
    const rows = async () =>
      (
        await pool.query(
          `SELECT measure, day::text, status, count FROM "DailyTotal" WHERE count <> 0 ORDER BY 1, 2`,
        )
      ).rows;
    expect(await rows()).toEqual([
      { measure: "PAYMENT_PAID", day: "2026-03-12", status: "SUCCEEDED", count: 1 },
      { measure: "PAYMENT_CREATED", day: "2026-03-10", status: "SUCCEEDED", count: 1 },
    ]);
    await pool.query(`DELETE FROM "Payment" WHERE id = 'f'`);
    expect(await rows()).toEqual([]);
  });
});
