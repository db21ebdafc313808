import type { AliasedRawBuilder, Compilable, RawBuilder, SqlBool } from "kysely";
import type { DailyMeasure } from "../../generated/prisma/enums";
import { all, q, sql } from "../db/query";
import type { Sql } from "../db/sql";
import { inList } from "../rules/sql-list";

/**
 * The daily totals (DailyTotal, kept by the triggers of migration 20261201184423_daily_totals in the transaction
 * of every change to Payment, Refund, Dispute and Membership), read per bucket of time: a bucket's whole UTC
 * days come from DailyTotal, a row per day and key, and only the days a bucket's edge cuts (an edge not at
 * midnight, such as a rolling period's start) are read from the table itself, grouped the same way. So a read
 * costs the number of days asked for, not the number of payments, and is exact: a day is either wholly in
 * DailyTotal or wholly read from the rows.
 *
 * Rows carry no rule: a status is returned as it is stored, and callers keep or drop it with lib/rules.
 */
export type Total = {
  /** i for [bounds[i], bounds[i + 1]). */
  bucket: number;
  status: string;
  /** PaymentKind, BillingInterval, or "" (refunds, disputes). */
  kind: string;
  currency: string;
  /** For memberships, how the measured time relates to the start (see DailyTotal in schema.prisma); else "". */
  relation: string;
  count: number;
  amount: number;
};

const DAY = 86_400_000;
const ALL_TIME = sql<Date>`CAST('infinity' AS date)`;
/** A bound after any time a row can have, at midnight: a bucket up to it reads whole days only. */
export const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));
const floorDay = (t: number) => Math.floor(t / DAY) * DAY;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

// Both statements group by their first five columns (bucket and the four keys, in either order): by position,
// as a key's alias may also name a column of the table.
const POSITIONS = [1, 2, 3, 4, 5].map((n) => sql.raw(String(n)));

type Edge = {
  at: RawBuilder<Date | null>;
  items: AliasedRawBuilder<unknown, string>[];
  where: RawBuilder<SqlBool>;
};

/**
 * The statement that totals `measure` straight from its table, for the days an edge cuts: each row's time, kind
 * and relation as the triggers compute them (see the migration), then `edge`'s bucket, count and amount.
 */
function fromRows(
  measure: DailyMeasure,
  edge: (at: RawBuilder<Date | null>) => Edge,
): Compilable<TotalRow> {
  const empty = sql<string>`''`;
  switch (measure) {
    case "PAYMENT_PAID":
    case "PAYMENT_CREATED": {
      const e = edge(sql.ref(measure === "PAYMENT_PAID" ? "paidAt" : "createdAt"));
      return q
        .selectFrom("Payment")
        .select([
          sql<string>`"status"::text`.as("status"),
          sql<string>`"kind"::text`.as("kind"),
          "currency",
          empty.as("relation"),
          ...e.items,
        ])
        .where(e.where)
        .groupBy(POSITIONS) as unknown as Compilable<TotalRow>;
    }
    case "REFUND_CREATED":
    case "DISPUTE_LOST": {
      const e = edge(sql.ref(measure === "REFUND_CREATED" ? "createdAt" : "lostAt"));
      return q
        .selectFrom(measure === "REFUND_CREATED" ? "Refund" : "Dispute")
        .select(["status", empty.as("kind"), "currency", empty.as("relation"), ...e.items])
        .where(e.where)
        .groupBy(POSITIONS) as unknown as Compilable<TotalRow>;
    }
    case "MEMBERSHIP_STARTED":
    case "MEMBERSHIP_ENDED":
    case "MEMBERSHIP_STATE": {
      const column =
        measure === "MEMBERSHIP_STARTED"
          ? "startedAt"
          : measure === "MEMBERSHIP_ENDED"
            ? "endedAt"
            : "stateAt";
      const e = edge(sql.ref(column));
      const relation =
        measure === "MEMBERSHIP_STARTED"
          ? sql<string>`CASE WHEN "endedAt" IS NOT NULL
                             THEN CASE WHEN "endedAt" > "startedAt" THEN 'ended-after' ELSE 'ended-before' END
                             ELSE CASE WHEN "stateAt" > "startedAt" THEN 'state-after' ELSE 'state-before' END END`
          : sql<string>`CASE WHEN ${sql.ref(column)} > "startedAt" THEN 'after' ELSE 'before' END`;
      return q
        .selectFrom("Membership")
        .select([
          sql<string>`"status"::text`.as("status"),
          sql<string>`"interval"::text`.as("kind"),
          "currency",
          relation.as("relation"),
          ...e.items,
        ])
        .where((eb) =>
          measure === "MEMBERSHIP_STATE" ? eb.and([eb("endedAt", "is", null), e.where]) : e.where,
        )
        .groupBy(POSITIONS) as unknown as Compilable<TotalRow>;
    }
  }
}

type TotalRow = {
  bucket: number | string;
  status: string;
  kind: string;
  currency: string;
  relation: string;
  count: number | string | bigint;
  amount: number | string | bigint | null;
};

const toTotals = (rows: TotalRow[]): Total[] =>
  rows.map((r) => ({
    bucket: Number(r.bucket) - 1,
    status: r.status,
    kind: r.kind,
    currency: r.currency,
    relation: r.relation,
    count: Number(r.count),
    amount: Number(r.amount ?? 0),
  }));

/** Which measures to read, each with the statuses to keep (a list of lib/rules: the rule is the caller's). */
export type Wanted<M extends DailyMeasure = DailyMeasure> = Record<M, readonly string[]>;

const wantedSql = (wanted: Partial<Wanted>) =>
  sql<SqlBool>`(${sql.join(
    Object.entries(wanted).map(
      ([measure, statuses]) =>
        sql`("measure" = ${sql.lit(measure)} AND ${inList(sql.ref("status"), statuses as readonly string[])})`,
    ),
    sql` OR `,
  )})`;

/**
 * Each wanted measure's totals per bucket [bounds[i], bounds[i + 1]) and key, for ascending `bounds`, of the
 * rows in one of its statuses; buckets and keys with nothing in them are left out. One statement reads the
 * whole days of every measure from DailyTotal, and one per measure the days an edge cuts from its table.
 */
export async function totalsIn<M extends DailyMeasure>(
  db: Sql,
  wanted: Wanted<M>,
  bounds: readonly Date[],
): Promise<Record<M, Total[]>> {
  const measures = Object.keys(wanted) as M[];
  const out = Object.fromEntries(measures.map((m) => [m, [] as Total[]])) as Record<M, Total[]>;
  const times = bounds.map((b) => b.getTime());
  if (times.length < 2) return out;
  const first = times[0]!;
  const last = times.at(-1)!;
  // The days an edge cuts are read from the rows, every other day of [first, last) from DailyTotal.
  const cut = [...new Set(times.filter((t) => t !== floorDay(t)).map(floorDay))];
  const wholeFrom = isoDay(first === floorDay(first) ? first : floorDay(first) + DAY);
  const wholeTo = isoDay(floorDay(last));
  const thresholds = sql`CAST(${bounds.map((b) => b.toISOString())} AS timestamptz[])`;
  const dayThresholds = times.map((t) => isoDay(t === floorDay(t) ? t : floorDay(t) + DAY));
  const daily = all(
    db,
    q
      .selectFrom("DailyTotal")
      .select((eb) => [
        // A whole day is in the bucket its midnight is in: the first day on or after each bound.
        sql<number>`width_bucket("day", CAST(${dayThresholds} AS date[]))`.as("bucket"),
        "status",
        "kind",
        "currency",
        "relation",
        "measure",
        eb.fn.sum<number | string>("count").as("count"),
        eb.fn.sum<number | string>("amount").as("amount"),
      ])
      .where((eb) =>
        eb.and([
          wantedSql(wanted),
          eb("day", ">=", sql<Date>`CAST(${wholeFrom} AS date)`),
          eb("day", "<", sql<Date>`CAST(${wholeTo} AS date)`),
          ...(cut.length
            ? [sql<boolean>`NOT ("day" = ANY (CAST(${cut.map(isoDay)} AS date[])))`]
            : []),
        ]),
      )
      .groupBy([...POSITIONS, sql.raw("6")]),
  ).then((rows) => {
    for (const r of rows) out[r.measure as M].push(...toTotals([r as TotalRow]));
  });
  const edges = cut.length
    ? measures.map((measure) =>
        all(
          db,
          fromRows(measure, (at) => ({
            at,
            items: [
              sql<number>`width_bucket(${at}, ${thresholds})`.as("bucket"),
              sql<string>`count(*)`.as("count"),
              sql<string>`sum("amount")`.as("amount"),
            ],
            // Each cut day's part of [first, last), as its own range (an index range scan each).
            where: sql<SqlBool>`${inList(sql.ref("status"), wanted[measure])} AND (${sql.join(
              cut.map(
                (d) =>
                  sql`(${at} >= ${new Date(Math.max(d, first))} AND ${at} < ${new Date(Math.min(d + DAY, last))})`,
              ),
              sql` OR `,
            )})`,
          })),
        ).then((rows) => {
          out[measure].push(...toTotals(rows));
        }),
      )
    : [];
  await Promise.all([daily, ...edges]);
  return out;
}

type MembershipMeasure = "MEMBERSHIP_STARTED" | "MEMBERSHIP_ENDED" | "MEMBERSHIP_STATE";

/**
 * Membership measures' totals over all time, per key, as bucket 0: the triggers add every membership
 * contribution to the day 'infinity' as well as to its own day.
 */
export async function allTimeTotals<M extends MembershipMeasure>(
  db: Sql,
  wanted: Wanted<M>,
): Promise<Record<M, Total[]>> {
  const out = Object.fromEntries(Object.keys(wanted).map((m) => [m, [] as Total[]])) as Record<
    M,
    Total[]
  >;
  const rows = await all(
    db,
    q
      .selectFrom("DailyTotal")
      .select([
        sql<number>`1`.as("bucket"),
        "status",
        "kind",
        "currency",
        "relation",
        "measure",
        "count",
        "amount",
      ])
      .where((eb) => eb.and([eb("day", "=", ALL_TIME), wantedSql(wanted)])),
  );
  for (const r of rows) out[r.measure as M].push(...toTotals([r as TotalRow]));
  return out;
}
