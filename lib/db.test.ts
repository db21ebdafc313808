import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as lib from "@/lib/db";
import { setEnvForTests } from "@/lib/env";
import {
  createTestDatabase,
  isPostgresReachable,
  type TestDatabase,
} from "@/test/db/test-database";

const reachable = await isPostgresReachable();

describe.skipIf(!reachable && !process.env.CI)("lib/db on PostgreSQL", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    setEnvForTests({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await lib.closeDb();
    await database?.drop();
  });

  it("inserts and reads a Supporter", async () => {
    const created = await lib.db.supporter.create({
      data: { email: "reader@example.org", name: "A Reader" },
    });
    expect(created.role).toBe(lib.Role.READER);
    const found = await lib.db.supporter.findUnique({ where: { email: "reader@example.org" } });
    expect(found).toMatchObject({ id: created.id, name: "A Reader" });
  });

  it("is one cached client", async () => {
    expect(lib.getDb()).toBe(lib.getDb());
    await lib.db.$transaction(async (tx) => {
      expect(await tx.supporter.count()).toBeGreaterThan(0);
    });
  });

  it("recognises unique violations from the client and from raw SQL", async () => {
    const duplicate = await lib.db.supporter
      .create({ data: { email: "reader@example.org" } })
      .catch((e: unknown) => e);
    expect(lib.isUniqueViolation(duplicate)).toBe(true);

    const raw = await lib.db
      .$executeRaw`INSERT INTO "Supporter" (id, email, "updatedAt") VALUES ('raw1', 'reader@example.org', now())`.catch(
      (e: unknown) => e,
    );
    expect(lib.isUniqueViolation(raw)).toBe(true);

    const other = await lib.db.$executeRaw`SELECT * FROM no_such_table`.catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Error);
    expect(lib.isUniqueViolation(other)).toBe(false);
    expect(lib.isUniqueViolation(null)).toBe(false);
  });
});
