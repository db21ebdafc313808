import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrations";
import { createTestDatabase, dropTestDatabase, isPostgresReachable } from "./test-database";

// Without a server, skip locally; in CI a missing server must fail loudly rather than skip.
const reachable = await isPostgresReachable();

describe.skipIf(!reachable && !process.env.CI)("migrations on a fresh PostgreSQL database", () => {
  it("creates the tables, records the migrations, and a second apply is a no-op", async () => {
    const expected = (await readMigrations()).migrationDirectories.map((m) => m.path);
    const database = await createTestDatabase({ migrate: false });
    const client = new pg.Client({ connectionString: database.url });
    try {
      expect(await applyMigrations({ url: database.url })).toEqual(expected);
      await client.connect();
      const count = async () =>
        (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations"))
          .rows[0]?.n;
      const before = await count();
      expect(before).toBe(expected.length);

      expect(await applyMigrations({ url: database.url })).toEqual([]);
      expect(await count()).toBe(before);

      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          "Supporter",
          "StripeCustomer",
          "Membership",
          "Payment",
          "StripeEvent",
          "CheckoutAttempt",
        ]),
      );
    } finally {
      await client.end().catch(() => {});
      await database.drop();
    }
  });

  it("drop removes the database and refuses names it did not make", async () => {
    const database = await createTestDatabase();
    await database.drop();
    const client = new pg.Client({ connectionString: database.url });
    await expect(client.connect()).rejects.toThrow(/does not exist/);
    await expect(dropTestDatabase("postgres")).rejects.toThrow(/refusing/);
    await expect(dropTestDatabase('x"; DROP DATABASE y; --')).rejects.toThrow(/refusing/);
  });
});

describe("isPostgresReachable", () => {
  it("says no, without throwing, for a port nothing listens on", async () => {
    expect(await isPostgresReachable("postgresql://postgres@127.0.0.1:1/postgres", 1000)).toBe(
      false,
    );
  });
});
