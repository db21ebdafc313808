import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

/**
 * Opens the embedded PostgreSQL used when no DATABASE_URL is set. `dataDir` undefined means in-memory.
 * PGlite holds its data dir exclusively: open one instance per directory per process and keep it.
 */
export function openPGlite(dataDir?: string): PGlite {
  if (!dataDir) return new PGlite();
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return new PGlite(dir);
}
