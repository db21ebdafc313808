import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { openPGlite } from "@/lib/db/pglite";
import { withSchemaEngine } from "@/lib/db/schema-engine";

/**
 * Prisma's standard migrations folder, applied and authored without the Prisma CLI's native engine
 * (see PLATFORM-NOTES): a machine with internet can still run `prisma migrate deploy` on the same folder.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
export const LOCKFILE = "migration_lock.toml";
const MIGRATION_FILE = "migration.sql";

// No tables or enums are managed outside Prisma.
const filters = { externalTables: [], externalEnums: [] };

/** Where migrations go: a PostgreSQL URL, an open PGlite (the caller closes it), or a PGlite data dir. */
export type MigrationTarget = { url: string } | { pglite: PGlite } | { pgliteDir: string };

/** DATABASE_URL when set, else the embedded PGlite at PGLITE_DIR: the same choice lib/db.ts makes. */
export function defaultMigrationTarget(): MigrationTarget {
  const { DATABASE_URL, PGLITE_DIR } = env();
  return DATABASE_URL ? { url: DATABASE_URL } : { pgliteDir: PGLITE_DIR };
}

/** The folder in the shape the engine takes, every migration read from disk, oldest first. */
export async function readMigrations(dir = MIGRATIONS_DIR) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, MIGRATION_FILE);
      const sql = await readFile(file, "utf8").catch(() => {
        throw new Error(
          `${path.relative(ROOT, file)} is missing: every migration folder needs one`,
        );
      });
      return {
        path: name,
        migrationFile: { path: MIGRATION_FILE, content: { tag: "ok" as const, value: sql } },
      };
    }),
  );
  const lockContent = await readFile(path.join(dir, LOCKFILE), "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies the migrations not yet recorded in the target's `_prisma_migrations`; returns their names. */
export async function applyMigrations(
  target: MigrationTarget = defaultMigrationTarget(),
): Promise<string[]> {
  const migrationsList = await readMigrations();
  if ("url" in target) {
    return runApply(new PrismaPg({ connectionString: target.url }), migrationsList);
  }
  if ("pglite" in target) return runApply(new PrismaPGlite(target.pglite), migrationsList);
  const pglite = openPGlite(target.pgliteDir);
  try {
    return await runApply(new PrismaPGlite(pglite), migrationsList);
  } finally {
    await pglite.close();
  }
}

async function runApply(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsList: Awaited<ReturnType<typeof readMigrations>>,
): Promise<string[]> {
  const { appliedMigrationNames } = await withSchemaEngine(factory, (engine) =>
    engine.applyMigrations({ migrationsList, filters }),
  );
  return appliedMigrationNames;
}

/**
 * The SQL that takes a database from the migrations to the schema (prisma/schema.prisma unless another
 * file is named, as tests do): the next migration. Empty string when they agree.
 */
export async function diffSchemaToMigrations(schemaPath = SCHEMA_PATH): Promise<string> {
  const files = [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
  // A throwaway database replayed from the migrations stands for "what the migrations produce".
  const pglite = openPGlite();
  try {
    await applyMigrations({ pglite });
    const { stdout } = await withSchemaEngine(new PrismaPGlite(pglite), (engine) =>
      engine.diff({
        from: { tag: "schemaDatasource", files, configDir: ROOT },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters,
      }),
    );
    return normaliseDiff(stdout ?? "");
  } finally {
    await pglite.close();
  }
}

export function normaliseDiff(sql: string): string {
  const trimmed = sql.trim();
  return trimmed === "" || trimmed === "-- This is an empty migration." ? "" : `${trimmed}\n`;
}

/** A database URL fit to print: the password, if any, masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password && "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}
