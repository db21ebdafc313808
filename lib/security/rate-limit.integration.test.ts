import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { createRateLimitStore } from "./rate-limit";
import { handleCheckoutRequest } from "../checkout/handle-request";

const run = promisify(execFile);

const backends = setUpTestBackends({
  emulator: true,
  env: { RATE_LIMIT_CHECKOUT_PER_IP: "3", RATE_LIMIT_WINDOW_SECONDS: "600" },
});

function checkoutRequest(ip: string): Request {
  return new Request("http://127.0.0.1:3000/api/checkout", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ frequency: "ONCE", currency: "USD", amount: "2500" }),
  });
}

describe("rate limits on checkout creation", () => {
  it("count in the migrated rate_limits table: the app creates no table at run time", async () => {
    const client = new pg.Client({ connectionString: backends.database.url });
    await client.connect();
    try {
      // Before any limiter ran: the table comes from prisma/migrations, like every other table.
      const before = await client.query<{ table: string | null }>(
        `SELECT to_regclass('public.rate_limits')::text AS "table"`,
      );
      expect(before.rows[0]!.table).toBe("rate_limits");
      const store = createRateLimitStore({
        databaseUrl: backends.database.url,
        keyPrefix: "table-test:",
        rule: () => ({ points: 1, durationSeconds: 60 }),
      });
      try {
        expect(await store.consume("checkout-ip", "198.51.100.9")).toEqual({ allowed: true });
        expect((await store.consume("checkout-ip", "198.51.100.9")).allowed).toBe(false);
      } finally {
        await store.close();
      }
      const rows = await client.query(
        `SELECT "key", "points" FROM "rate_limits" WHERE "key" LIKE 'table-test:%'`,
      );
      expect(rows.rows).toEqual([{ key: "table-test:checkout-ip:198.51.100.9", points: 2 }]);
    } finally {
      await client.end();
    }
  });

  it("answers 429 with Retry-After past the limit for one address, and leaves other addresses alone", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await handleCheckoutRequest(new Request(checkoutRequest("203.0.113.7")))).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await handleCheckoutRequest(new Request(checkoutRequest("203.0.113.7")));
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    expect((await handleCheckoutRequest(new Request(checkoutRequest("198.51.100.2")))).status).toBe(
      200,
    );
  });

  it("shares one budget across two app processes using the same database", async () => {
    const worker = () =>
      run("npx", ["tsx", "test/security/rate-limit-worker.ts", "checkout-ip", "192.0.2.99", "4"], {
        env: process.env,
      });
    const results = await Promise.all([worker(), worker()]);
    const allowed = results.reduce(
      (n, r) => n + (JSON.parse(r.stdout.trim().split("\n").pop()!) as { allowed: number }).allowed,
      0,
    );
    expect(allowed).toBe(3);
  });
});
