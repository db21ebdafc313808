import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";

/**
 * `expression IN ('A', 'B', …)` with the values written into the statement as literals: they are constants of
 * ours (never input), so the planner sees them (as it saw the hand-written lists), the statement text is the
 * same on every call (one prepared statement), and an enum column needs no cast on either executor.
 */
export function inList<V extends string>(
  expression: Expression<V>,
  values: readonly V[],
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expression} IN (${sql.join(values.map((v) => sql.lit(v)))})`;
}
