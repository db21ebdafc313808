import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { openPGlite } from "@/lib/db/pglite";
import { pgSqlDatabase, prismaSqlDatabase, type SqlDatabase } from "@/lib/db/sql";
import { env } from "@/lib/env";

/**
 * The app's database: PostgreSQL at DATABASE_URL, else the embedded PGlite at PGLITE_DIR.
 * The schema comes from `npm run db:migrate`; this module never migrates (it would pull the schema
 * engine into the server bundle), and never touches the database before the first query.
 */

export { Prisma, PrismaClient };
export type {
  CheckoutAttempt,
  Membership,
  Payment,
  StripeCustomer,
  StripeEvent,
  Supporter,
} from "@/generated/prisma/client";
export * from "@/generated/prisma/enums";

/** The client type domain code takes as a parameter, and what `db.$transaction(async (tx) => …)` gives. */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

// One client per process, kept on globalThis because Next dev re-evaluates modules on every edit:
// a second PGlite on the same data dir would corrupt it, a second pg pool would leak connections.
interface Connection {
  client: PrismaClient;
  /** The same database for plain SQL: `pg` on the same pool on PostgreSQL, else through the Prisma client. */
  sql: SqlDatabase;
  close(): Promise<void>;
}
const cache = globalThis as typeof globalThis & { __readerRevenueDb?: Connection };

function connect(): Connection {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: DATABASE_URL });
    // The pool hands a client to the adapter before the adapter listens for its errors: PostgreSQL ending the
    // session in that moment (a restart, a failover, pg_terminate_backend) raised an unhandled 'error' that
    // killed scripts and jobs. The query on that client still fails, and the pool still drops the client.
    pool.on("connect", (connection) => connection.on("error", () => {}));
    // An idle connection the server ends is dropped by the pool, which then emits 'error': unheard, that
    // would end the process. The next query opens a new connection.
    pool.on("error", (error) => console.warn(`database: idle connection lost: ${error.message}`));
    const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    // The adapter disposes of the pool only if Prisma ever connected; the typed builder uses the pool directly.
    const close = async () => {
      await client.$disconnect();
      if (!pool.ended) await pool.end();
    };
    return { client, sql: pgSqlDatabase(pool), close };
  }
  const pglite = openPGlite(PGLITE_DIR);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // $disconnect leaves PGlite running, and its timers keep a script alive: close it too.
  const close = async () => {
    await client.$disconnect();
    await pglite.close();
  };
  return { client, sql: prismaSqlDatabase(client), close };
}

export function getDb(): PrismaClient {
  cache.__readerRevenueDb ??= connect();
  return cache.__readerRevenueDb.client;
}

/** The app's database for plain SQL (see lib/db/sql.ts): the hot paths' way around Prisma's per-query cost. */
export function getSqlDb(): SqlDatabase {
  cache.__readerRevenueDb ??= connect();
  return cache.__readerRevenueDb.sql;
}

/** For scripts and tests: closes the database (PGlite included) so the process can exit. */
export async function closeDb(): Promise<void> {
  const connection = cache.__readerRevenueDb;
  cache.__readerRevenueDb = undefined;
  await connection?.close();
}

/**
 * `db.supporter.findMany()` etc. Created on first use, not at import: `next build` imports server modules,
 * and opening PGlite there would lock the data dir from every build worker.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** True for a unique-constraint violation, whether Prisma mapped it (P2002) or it came raw from the adapter. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  // Duck-typed rather than instanceof: a bundler may load the Prisma runtime more than once.
  const { code, meta } = err as { code?: unknown; meta?: { driverAdapterError?: unknown } };
  return (
    code === "P2002" || isUniqueAdapterError(meta?.driverAdapterError) || isUniqueAdapterError(err)
  );
}

// The shape of @prisma/driver-adapter-utils' DriverAdapterError, checked by hand so the app bundle
// does not depend on that (dev-only) package.
function isUniqueAdapterError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { name, cause } = err as {
    name?: unknown;
    cause?: { kind?: unknown; originalCode?: unknown };
  };
  if (name !== "DriverAdapterError" || typeof cause !== "object" || cause === null) return false;
  return cause.kind === "UniqueConstraintViolation" || cause.originalCode === "23505";
}
