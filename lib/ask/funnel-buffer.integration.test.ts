import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { getSqlDb } from "../db";
import { pgSqlDatabase, type Sql } from "../db/sql";
import { FunnelBuffer } from "./funnel-buffer";
import { funnelBySurface } from "./funnel";

setUpTestBackends();

const NOW = new Date("2026-12-01T12:00:00Z");
const DAY = { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2026-12-02T00:00:00Z") };

/** The app's database, with every statement sent through it recorded. */
function countingSql(): { sql: Sql; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    sql: {
      query: (text, values) => {
        statements.push(text);
        return getSqlDb().query(text, values);
      },
    },
  };
}

const buffers: FunnelBuffer[] = [];
function buffer(sql: () => Sql, intervalMs = 3_600_000): FunnelBuffer {
  const b = new FunnelBuffer({ sql, intervalMs });
  buffers.push(b);
  return b;
}
afterEach(() => buffers.splice(0).forEach((b) => b.stop()));

async function counted(surface: string, variant: string) {
  const rows = await funnelBySurface(getSqlDb(), DAY.from, DAY.to);
  return rows.find((r) => r.surface === surface && r.variant === variant);
}

async function clear(): Promise<void> {
  await getSqlDb().query(`DELETE FROM "AskDailyStat"`);
}

describe("the funnel's buffer", () => {
  it("writes N concurrent increments as exactly N, in one statement per flush", async () => {
    await clear();
    const { sql, statements } = countingSql();
    const b = buffer(() => sql);
    const N = 1000;
    // Concurrent requests each adding one, spread over two variants and two steps.
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        await Promise.resolve();
        b.add(i % 10 === 0 ? "remindLaters" : "impressions", {
          surface: "article",
          variant: i % 2 ? "default" : "renew",
          at: NOW,
        });
      }),
    );
    expect(statements).toEqual([]); // nothing written per increment
    await b.flush();
    expect(statements).toHaveLength(1);
    expect(await counted("article", "default")).toMatchObject({
      impressions: 500,
      remindLaters: 0,
    });
    expect(await counted("article", "renew")).toMatchObject({
      impressions: 400,
      remindLaters: 100,
    });

    // The next flush adds to the rows already there, again in one statement.
    for (let i = 0; i < 7; i++)
      b.add("impressions", { surface: "article", variant: "default", at: NOW });
    b.add("impressions", { surface: "embed", variant: "default", at: NOW });
    await b.flush();
    expect(statements).toHaveLength(2);
    expect((await counted("article", "default"))?.impressions).toBe(507);
    expect((await counted("embed", "default"))?.impressions).toBe(1);

    // Nothing pending: no statement at all.
    await b.flush();
    expect(statements).toHaveLength(2);
  });

  it("keeps each day's counts on its own row", async () => {
    await clear();
    const b = buffer(getSqlDb);
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    b.add("impressions", {
      surface: "article",
      variant: "default",
      at: new Date("2026-11-30T23:59:59Z"),
    });
    await b.flush();
    const rows = await getSqlDb().query<{ day: string; impressions: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, impressions FROM "AskDailyStat" ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: "2026-11-30", impressions: 1 },
      { day: "2026-12-01", impressions: 1 },
    ]);
  });

  it("keeps what a failed flush held (database unreachable) for the next one: nothing lost, nothing doubled", async () => {
    await clear();
    // A database that is down: nothing listens on port 1.
    const down = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none" });
    let target: Sql = pgSqlDatabase(down);
    const b = buffer(() => target);
    for (let i = 0; i < 5; i++)
      b.add("impressions", { surface: "article", variant: "default", at: NOW });
    await expect(b.flush()).rejects.toThrow();
    expect(b.pendingRows).toBe(1);
    for (let i = 0; i < 3; i++)
      b.add("impressions", { surface: "article", variant: "default", at: NOW });
    await expect(b.flush()).rejects.toThrow();
    await down.end();

    target = getSqlDb();
    await b.flush();
    expect((await counted("article", "default"))?.impressions).toBe(8);
    await b.flush();
    expect((await counted("article", "default"))?.impressions).toBe(8);
  });

  it("keeps the counts when the database cannot even be opened (no configuration yet)", async () => {
    await clear();
    let open = false;
    const b = buffer(() => {
      if (!open) throw new Error("DATABASE_URL is not set");
      return getSqlDb();
    });
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    await expect(b.flush()).rejects.toThrow(/DATABASE_URL/);
    open = true;
    await b.flush();
    expect((await counted("article", "default"))?.impressions).toBe(1);
  });

  it("writes all of a flush or none of it: a statement PostgreSQL refuses leaves every row for the next", async () => {
    await clear();
    // The "renew" row is at the integer's limit, so adding to it fails the statement (out of range).
    await getSqlDb().query(
      `INSERT INTO "AskDailyStat" (day, surface, variant, impressions) VALUES ('2026-12-01', 'article', 'renew', 2147483647)`,
    );
    const b = buffer(getSqlDb);
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    b.add("impressions", { surface: "article", variant: "renew", at: NOW });
    await expect(b.flush()).rejects.toThrow(/out of range/);
    expect(await counted("article", "default")).toBeUndefined(); // the other row was not written either

    await getSqlDb().query(`UPDATE "AskDailyStat" SET impressions = 0 WHERE variant = 'renew'`);
    await b.flush();
    expect(await counted("article", "default")).toMatchObject({ impressions: 1 });
    expect(await counted("article", "renew")).toMatchObject({ impressions: 1 });
  });

  it("counts what arrives while a flush is being written in the next one", async () => {
    await clear();
    const b = buffer(getSqlDb);
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    const first = b.flush();
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    const second = b.flush(); // waits for the first, then writes the one that came meanwhile
    await Promise.all([first, second]);
    expect((await counted("article", "default"))?.impressions).toBe(2);
  });

  it("flushes by itself after the interval, and retries a failed flush the same way", async () => {
    await clear();
    let failures = 0;
    const { sql, statements } = countingSql();
    const down: Sql = { query: () => (failures++, Promise.reject(new Error("database down"))) };
    let target = down;
    const b = buffer(() => target, 20);
    b.add("impressions", { surface: "article", variant: "default", at: NOW });
    await vi.waitFor(() => expect(failures).toBeGreaterThanOrEqual(1));
    expect(b.pendingRows).toBe(1); // the failed flush kept its counts
    target = sql;
    await vi.waitFor(() => expect(statements).toHaveLength(1), { timeout: 5000 });
    expect(b.pendingRows).toBe(0);
    expect((await counted("article", "default"))?.impressions).toBe(1);
  });
});
