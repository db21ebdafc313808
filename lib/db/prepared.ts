import type { Compilable, CompiledQuery } from "kysely";
import type { Sql } from "./sql";

const SLOT = Symbol("parameter");
type Slot = { readonly [SLOT]: string };

const isSlot = (value: unknown): value is Slot =>
  typeof value === "object" && value !== null && SLOT in value;

/**
 * Stands for each parameter while the statement is built: `p.id` is a placeholder named "id". Spreading it
 * (`{ ...p }`) would copy nothing, so that throws instead of building a statement without the columns.
 */
const slots = new Proxy(
  {},
  {
    get: (_target, name) => (typeof name === "string" ? { [SLOT]: name } : undefined),
    ownKeys: () => {
      throw new Error("prepare(): name each parameter (p.id), do not spread p");
    },
  },
);

export type Prepared<P, O> = {
  all(db: Sql, params: P): Promise<O[]>;
  first(db: Sql, params: P): Promise<O | undefined>;
  exec(db: Sql, params: P): Promise<void>;
  /** The compiled text, for tests and for reading. */
  readonly text: string;
};

/**
 * A hot-path statement, built with the typed builder once and run many times with new values: building and
 * compiling a Kysely query costs tens of microseconds a time, which on the webhook's ten-odd statements per
 * event came to a quarter of its CPU. The statement text is the same every time, so each connection also
 * prepares it once (lib/db/sql.ts).
 *
 * `build` gets placeholders, not values: it must use each parameter only as a value (`.where("id", "=", p.id)`,
 * `.values({ amount: p.amount })`, `enumValue("PaymentStatus", p.status)`), never decide anything on one (no
 * `p.x ? … : …`, no `p.x.toUpperCase()`, no `"in"` with a list parameter), and read nothing else that changes
 * (no clock, no new ids: pass them in).
 */
export function prepare<P extends object, O>(build: (p: P) => Compilable<O>): Prepared<P, O> {
  let compiled: CompiledQuery<O> | undefined;
  const compile = () => (compiled ??= build(slots as P).compile());
  const all = (db: Sql, params: P): Promise<O[]> => {
    const { sql, parameters } = compile();
    const values = parameters.map((v) =>
      isSlot(v) ? (params as Record<string, unknown>)[v[SLOT]] : v,
    );
    return db.query<O & object>(sql, values);
  };
  return {
    all,
    first: async (db, params) => (await all(db, params))[0],
    exec: async (db, params) => void (await all(db, params)),
    get text() {
      return compile().sql;
    },
  };
}
