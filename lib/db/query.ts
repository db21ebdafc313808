import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
  type RawBuilder,
} from "kysely";
import type { DB } from "../../generated/kysely/types";
import type { Sql } from "./sql";

export type { DB };

/**
 * The typed query builder for every hand-written statement. Its table and column types are generated from
 * prisma/schema.prisma (generated/kysely, by `npm run db:generate`), so a statement naming a column the schema
 * no longer has fails `npm run typecheck`.
 *
 * It only builds and compiles: `all`/`first`/`exec` run the compiled text on an `Sql` executor (lib/db/sql.ts),
 * so one statement runs unchanged on `pg` (prepared, on the hot path), on any Prisma client or inside an open
 * transaction, and Kysely adds no connection pool or transaction machinery of its own.
 */
export const q = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Every row the statement returns. */
export function all<O>(db: Sql, query: Compilable<O>): Promise<O[]> {
  const { sql: text, parameters } = query.compile();
  return db.query<O & object>(text, parameters);
}

/** The statement's first row, if any. */
export async function first<O>(db: Sql, query: Compilable<O>): Promise<O | undefined> {
  const [row] = await all(db, query);
  return row;
}

/** Runs a statement for its effect. */
export async function exec(db: Sql, query: Compilable<unknown>): Promise<void> {
  await all(db, query);
}

type EnumName =
  | "MembershipStatus"
  | "PaymentStatus"
  | "PaymentKind"
  | "BillingInterval"
  | "Frequency"
  | "CheckoutStatus"
  | "Role";

/**
 * A parameter bound for an enum column. Prisma's executor sends parameters typed (as text), and PostgreSQL
 * has no implicit cast from text to an enum; `pg` sends them untyped. The explicit cast suits both.
 */
export function enumValue<T extends string>(type: EnumName, value: T): RawBuilder<T> {
  return sql<T>`CAST(${value} AS ${sql.id(type)})`;
}

/**
 * A text parameter with its type written into the statement, where PostgreSQL has nothing else to infer it
 * from (a SELECT list, `COALESCE`, `IS NOT NULL`): `pg` sends parameters untyped.
 */
export function textValue<T extends string | null>(value: T): RawBuilder<T> {
  return sql<T>`CAST(${value} AS text)`;
}

/** The transaction's time, as `now()` in SQL (the same for every statement of one transaction). */
export const now = sql<Date>`now()`;

export { sql };
