import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations, redactUrl } from "@/lib/db/migrations";

/**
 * Throwaway PostgreSQL databases for integration tests: each test file (or run) gets its own, fully
 * migrated, so tests never share state and never touch a developer's data.
 * Test tooling, not app config, so it reads process.env itself rather than lib/env.
 */

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const NAME = /^[a-z][a-z0-9_]{0,62}$/;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The server's maintenance database, where databases are created and dropped. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
}

/** Whether the PostgreSQL server at `url` answers; never throws. */
export async function isPostgresReachable(url = adminUrl(), timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {}); // a server dropping us mid-check is just "unreachable"
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates a uniquely named database and applies every migration to it (unless `migrate: false`). */
export async function createTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const db: TestDatabase = { name, url: urlOf(name), drop: () => dropTestDatabase(name) };
  try {
    if (migrate) await applyMigrations({ url: db.url });
  } catch (err) {
    await db.drop().catch(() => {});
    throw err;
  }
  return db;
}

/** Drops a database by name or URL; FORCE ends connections a failed test left open. */
export async function dropTestDatabase(nameOrUrl: string): Promise<void> {
  const name = nameOrUrl.includes("://") ? new URL(nameOrUrl).pathname.slice(1) : nameOrUrl;
  // Names are interpolated into SQL and this must never drop the admin database itself.
  if (!NAME.test(name) || name === new URL(adminUrl()).pathname.slice(1)) {
    throw new Error(`refusing to drop database "${name}"`);
  }
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function urlOf(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await client.connect().catch((err: Error) => {
    throw new Error(
      `cannot reach PostgreSQL at ${redactUrl(adminUrl())} (set TEST_DATABASE_ADMIN_URL): ${err.message}`,
    );
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
