import { db as appDb, getSqlDb, type Db } from "../db";
import { prismaSql, type Sql } from "./sql";

/**
 * Where typed-builder reads (the dashboard's, /account's, the funnel's) run: an `Sql` executor as given (a test's own database), the app's Prisma
 * client as the app's `Sql` executor (`pg` on PostgreSQL, without Prisma's query layer), and any other Prisma
 * client or transaction through its raw-query method.
 */
export type DbOrSql = Db | Sql;

export function sqlOf(db: DbOrSql): Sql {
  if (db === appDb) return getSqlDb();
  if (typeof (db as Partial<Sql>).query === "function") return db as Sql;
  return prismaSql(db as Db);
}
