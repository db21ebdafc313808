import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPGlite } from "@/lib/db/pglite";
import {
  applyMigrations,
  diffSchemaToMigrations,
  normaliseDiff,
  readMigrations,
  SCHEMA_PATH,
} from "@/lib/db/migrations";

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("have not drifted apart", async () => {
    const pending = await diffSchemaToMigrations();
    expect(
      pending,
      "schema.prisma changed without a migration: run npm run db:migration -- <name>",
    ).toBe("");
  });

  it("drift would be caught: a schema with one more field yields a migration", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "drift-"));
    try {
      const schema = await readFile(SCHEMA_PATH, "utf8");
      const drifted = path.join(dir, "schema.prisma");
      await writeFile(
        drifted,
        schema.replace("model Supporter {\n", "model Supporter {\n  driftProbe String?\n"),
      );
      expect(await diffSchemaToMigrations(drifted)).toMatch(
        /ALTER TABLE "Supporter" ADD COLUMN\s+"driftProbe" TEXT/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("applyMigrations on PGlite", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pglite-migrate-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the tables once and then applies nothing", async () => {
    const expected = (await readMigrations()).migrationDirectories.map((m) => m.path);
    expect(expected.length).toBeGreaterThan(0);

    expect(await applyMigrations({ pgliteDir: dir })).toEqual(expected);
    expect(await applyMigrations({ pgliteDir: dir })).toEqual([]);

    const pglite = openPGlite(dir);
    try {
      const recorded = await pglite.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(recorded.rows.map((r) => r.migration_name)).toEqual(expected);
      const supporters = await pglite.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Supporter"`,
      );
      expect(supporters.rows[0]?.n).toBe(0);
    } finally {
      await pglite.close();
    }
  });

  it("works on an in-memory instance the caller owns", async () => {
    const pglite = openPGlite();
    try {
      expect((await applyMigrations({ pglite })).length).toBeGreaterThan(0);
      expect(await applyMigrations({ pglite })).toEqual([]);
    } finally {
      await pglite.close();
    }
  });
});

describe("normaliseDiff", () => {
  it("treats the engine's empty-migration marker as no change", () => {
    expect(normaliseDiff("-- This is an empty migration.\n")).toBe("");
    expect(normaliseDiff("  \n")).toBe("");
    expect(normaliseDiff("CREATE TABLE x ();")).toBe("CREATE TABLE x ();\n");
  });
});
