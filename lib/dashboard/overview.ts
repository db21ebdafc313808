import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { BillingInterval, PaymentKind, PaymentStatus } from "../../generated/prisma/enums";
import { all, first, q, sql, type DB } from "../db/query";
import type { Sql } from "../db/sql";
import {
  everActiveMembershipSql,
  liveMembershipSql,
  membershipEndedWithinSql,
  membershipEndSql,
  type MembershipColumns,
} from "../rules/membership-status";
import { collectedPaymentSql, countedRefundSql, lostDisputeSql } from "../rules/payment-status";
import { sqlOf, type DbOrSql } from "../db/executor";
import {
  monthEnds,
  monthStarts,
  previousPeriod,
  summarisePeriod,
  type DisputeGroup,
  type MemberGroup,
  type MembersPoint,
  type MonthlyRevenue,
  type PaymentGroup,
  type Period,
  type PeriodSummary,
  type RefundGroup,
} from "./metrics";

export type { MembersPoint, MonthlyRevenue };

/**
 * The overview's reads: each is one grouped query over an indexed range (Membership.startedAt/endedAt,
 * Payment.paidAt/createdAt, Refund.createdAt, Dispute.lostAt), returning a handful of rows whatever the table
 * sizes; lib/dashboard/metrics does the arithmetic. Who is a member and what money counts are the rules of
 * lib/rules (membership-status, payment-status), as Kysely expressions; overview.oracle.integration.test.ts checks these
 * statements against the same rules written in TypeScript (lib/dashboard/metrics.ts) on random histories.
 */
const membership = (eb: ExpressionBuilder<DB, "Membership">): MembershipColumns => ({
  status: eb.ref("status"),
  endedAt: eb.ref("endedAt"),
  stateAt: eb.ref("stateAt"),
});

type GroupRow = {
  interval: BillingInterval;
  currency: string;
  members: bigint | number | string;
  amount: bigint | number | string | null;
};

const toGroups = (rows: GroupRow[]): MemberGroup[] =>
  rows.map((r) => ({
    interval: r.interval,
    currency: r.currency,
    members: Number(r.members),
    amount: Number(r.amount ?? 0),
  }));

/** Memberships by interval and currency, matching `where`. */
const memberGroups = (
  db: Sql,
  where: (eb: ExpressionBuilder<DB, "Membership">) => Expression<SqlBool>,
) =>
  all(
    db,
    q
      .selectFrom("Membership")
      .select((eb) => [
        "interval",
        "currency",
        eb.fn.countAll().as("members"),
        eb.fn.sum<number | string | null>("amount").as("amount"),
      ])
      .where((eb) => eb.and([everActiveMembershipSql(eb.ref("status")), where(eb)]))
      .groupBy(["interval", "currency"]),
  ).then(toGroups);

/** Members at `at`: started, and not ended or lapsed by then (isMemberAt). */
export async function membersAt(db: DbOrSql, at: Date): Promise<MemberGroup[]> {
  return memberGroups(sqlOf(db), (eb) => {
    const end = membershipEndSql(membership(eb));
    return eb.and([eb("startedAt", "<=", at), eb.or([eb(end, "is", null), eb(end, ">", at)])]);
  });
}

async function startedIn(db: Sql, { start, end }: Period): Promise<MemberGroup[]> {
  return memberGroups(db, (eb) =>
    eb.and([eb("startedAt", ">=", start), eb("startedAt", "<", end)]),
  );
}

async function endedIn(db: Sql, { start, end }: Period): Promise<MemberGroup[]> {
  return memberGroups(db, (eb) => membershipEndedWithinSql(membership(eb), start, end));
}

type PaymentGroupRow = {
  kind: PaymentKind;
  currency: string;
  payments: bigint | number | string;
  gross: bigint | number | string | null;
};

async function collectedIn(db: Sql, { start, end }: Period): Promise<PaymentGroup[]> {
  const rows: PaymentGroupRow[] = await all(
    db,
    q
      .selectFrom("Payment")
      .select((eb) => [
        "kind",
        "currency",
        eb.fn.countAll().as("payments"),
        eb.fn.sum<number | string | null>("amount").as("gross"),
      ])
      .where((eb) =>
        eb.and([
          collectedPaymentSql(eb.ref("status")),
          eb("paidAt", ">=", start),
          eb("paidAt", "<", end),
        ]),
      )
      .groupBy(["kind", "currency"])
      .orderBy("currency")
      .orderBy("kind"),
  );
  return rows.map((r) => ({
    kind: r.kind,
    currency: r.currency,
    payments: Number(r.payments),
    gross: Number(r.gross ?? 0),
  }));
}

type MoneyOutRow = {
  currency: string;
  n: bigint | number | string;
  amount: bigint | number | string | null;
};

/** Refunds made in the period (whenever the payment was), per currency. */
async function refundedIn(db: Sql, { start, end }: Period): Promise<RefundGroup[]> {
  const rows: MoneyOutRow[] = await all(
    db,
    q
      .selectFrom("Refund")
      .select((eb) => [
        "currency",
        eb.fn.countAll().as("n"),
        eb.fn.sum<number | string | null>("amount").as("amount"),
      ])
      .where((eb) =>
        eb.and([
          countedRefundSql(eb.ref("status")),
          eb("createdAt", ">=", start),
          eb("createdAt", "<", end),
        ]),
      )
      .groupBy("currency")
      .orderBy("currency"),
  );
  return rows.map((r) => ({
    currency: r.currency,
    refunds: Number(r.n),
    amount: Number(r.amount ?? 0),
  }));
}

/** Disputes lost in the period (whenever the payment was), per currency. */
async function disputesLostIn(db: Sql, { start, end }: Period): Promise<DisputeGroup[]> {
  const rows: MoneyOutRow[] = await all(
    db,
    q
      .selectFrom("Dispute")
      .select((eb) => [
        "currency",
        eb.fn.countAll().as("n"),
        eb.fn.sum<number | string | null>("amount").as("amount"),
      ])
      .where((eb) =>
        eb.and([
          lostDisputeSql(eb.ref("status")),
          eb("lostAt", ">=", start),
          eb("lostAt", "<", end),
        ]),
      )
      .groupBy("currency")
      .orderBy("currency"),
  );
  return rows.map((r) => ({
    currency: r.currency,
    disputes: Number(r.n),
    amount: Number(r.amount ?? 0),
  }));
}

async function failedIn(db: Sql, { start, end }: Period): Promise<number> {
  const row = await first(
    db,
    q
      .selectFrom("Payment")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) =>
        eb.and([
          eb("status", "=", sql.lit<PaymentStatus>("FAILED")),
          eb("createdAt", ">=", start),
          eb("createdAt", "<", end),
        ]),
      ),
  );
  return Number(row?.n ?? 0);
}

/** Live memberships set to cancel at the end of their period. */
async function cancellingNow(db: Sql): Promise<number> {
  const row = await first(
    db,
    q
      .selectFrom("Membership")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) =>
        eb.and([
          eb("cancelAtPeriodEnd", "=", eb.lit(true)),
          eb("endedAt", "is", null),
          liveMembershipSql(eb.ref("status")),
        ]),
      ),
  );
  return Number(row?.n ?? 0);
}

export async function summarise(db: DbOrSql, period: Period): Promise<PeriodSummary> {
  const sqlDb = sqlOf(db);
  const [
    activeAtStart,
    activeAtEnd,
    newMembers,
    churned,
    payments,
    refunds,
    disputesLost,
    failedPayments,
  ] = await Promise.all([
    membersAt(sqlDb, period.start),
    membersAt(sqlDb, new Date(period.end.getTime() - 1)),
    startedIn(sqlDb, period),
    endedIn(sqlDb, period),
    collectedIn(sqlDb, period),
    refundedIn(sqlDb, period),
    disputesLostIn(sqlDb, period),
    failedIn(sqlDb, period),
  ]);
  return summarisePeriod({
    period,
    activeAtStart,
    activeAtEnd,
    newMembers,
    churned,
    payments,
    refunds,
    disputesLost,
    failedPayments,
  });
}

export async function overview(
  db: DbOrSql,
  period: Period,
): Promise<{ current: PeriodSummary; previous: PeriodSummary; cancelling: number }> {
  const sqlDb = sqlOf(db);
  const [current, previous, cancelling] = await Promise.all([
    summarise(sqlDb, period),
    summarise(sqlDb, previousPeriod(period)),
    cancellingNow(sqlDb),
  ]);
  return { current, previous, cancelling };
}

/**
 * Net collected revenue per calendar month (UTC) and currency, for the chart: payments by the month they were
 * paid, less refunds by the month they were made and lost disputes by the month they were lost.
 */
export async function revenueByMonth(
  db: DbOrSql,
  months: number,
  now = new Date(),
): Promise<MonthlyRevenue[]> {
  // One small grouped read per month (an index-only range scan): grouping a year of payments by a date_trunc
  // expression in one statement made PostgreSQL sort them all (it cannot estimate that expression's groups).
  const { starts, ends } = monthStarts(months, now);
  type Month = { start: Date; end: Date };
  const amount = sql<number | string>`0`;
  const rows = await all(
    sqlOf(db),
    q
      .selectFrom(
        sql<Month>`unnest(CAST(${starts} AS timestamptz[]), CAST(${ends} AS timestamptz[]))`.as<"m">(
          sql`m(start, "end")`,
        ),
      )
      .crossJoinLateral((eb) =>
        eb
          .selectFrom("Payment")
          .select((p) => [
            "currency",
            p.fn.sum<number | string>("amount").as("gross"),
            amount.as("refunded"),
          ])
          .where((p) =>
            p.and([
              collectedPaymentSql(p.ref("Payment.status")),
              p("paidAt", ">=", p.ref("m.start")),
              p("paidAt", "<", p.ref("m.end")),
            ]),
          )
          .groupBy("currency")
          .unionAll(
            eb
              .selectFrom("Refund")
              .select((r) => [
                "currency",
                amount.as("gross"),
                r.fn.sum<number | string>("amount").as("refunded"),
              ])
              .where((r) =>
                r.and([
                  countedRefundSql(r.ref("Refund.status")),
                  r("createdAt", ">=", r.ref("m.start")),
                  r("createdAt", "<", r.ref("m.end")),
                ]),
              )
              .groupBy("currency"),
          )
          .unionAll(
            eb
              .selectFrom("Dispute")
              .select((d) => [
                "currency",
                amount.as("gross"),
                d.fn.sum<number | string>("amount").as("refunded"),
              ])
              .where((d) =>
                d.and([
                  lostDisputeSql(d.ref("Dispute.status")),
                  d("lostAt", ">=", d.ref("m.start")),
                  d("lostAt", "<", d.ref("m.end")),
                ]),
              )
              .groupBy("currency"),
          )
          .as("x"),
      )
      .select((eb) => [
        eb.ref("m.start").as("month"),
        "x.currency",
        eb.fn.sum<number | string>("x.gross").as("gross"),
        eb.fn.sum<number | string>("x.refunded").as("refunded"),
      ])
      .groupBy(["m.start", "x.currency"])
      .orderBy("m.start")
      .orderBy("x.currency"),
  );
  return rows.map((r) => ({
    month: new Date(r.month).toISOString().slice(0, 7),
    currency: r.currency,
    gross: Number(r.gross),
    net: Number(r.gross) - Number(r.refunded),
  }));
}

/** Members at the end of each of the last `months` months (and now, for the current one). */
export async function membersByMonth(
  db: DbOrSql,
  months: number,
  now = new Date(),
): Promise<MembersPoint[]> {
  // The same "member at" rule as membersAt, at each point.
  const points = monthEnds(months, now);
  // One pass over the memberships instead of one per month: a membership counts from the first point at or after
  // its start until the first point at or after its end (or lapse). width_bucket(t - 1 ms, points) is the number
  // of points before t (points and columns both have millisecond precision; points ascend).
  const changes = q
    .selectFrom("Membership")
    .select((eb) => ["interval", eb.ref("startedAt").as("t"), sql<number>`1`.as("delta")])
    .where((eb) => {
      const end = membershipEndSql(membership(eb));
      return eb.and([
        everActiveMembershipSql(eb.ref("status")),
        eb.or([eb(end, "is", null), eb(end, ">", eb.ref("startedAt"))]),
      ]);
    })
    .unionAll(
      q
        .selectFrom("Membership")
        .select((eb) => [
          "interval",
          sql<Date>`${membershipEndSql(membership(eb))}`.as("t"),
          sql<number>`-1`.as("delta"),
        ])
        .where((eb) =>
          eb.and([
            everActiveMembershipSql(eb.ref("status")),
            eb(membershipEndSql(membership(eb)), ">", eb.ref("startedAt")),
          ]),
        ),
    );
  const rows = await all(
    sqlOf(db),
    q
      .selectFrom(changes.as("changes"))
      .select((eb) => [
        "interval",
        sql<number>`width_bucket(${eb.ref("t")} - interval '1 millisecond', CAST(${points} AS timestamptz[]))`.as(
          "before",
        ),
        eb.fn.sum<number | string>("delta").as("delta"),
      ])
      .groupBy(["interval", sql`2`]),
  );
  const at = (index: number, interval: BillingInterval) =>
    rows.reduce(
      (n, r) => (r.interval === interval && Number(r.before) <= index ? n + Number(r.delta) : n),
      0,
    );
  return points.map((point, i) => ({
    month: point.toISOString().slice(0, 7),
    monthly: at(i, "MONTH"),
    annual: at(i, "YEAR"),
  }));
}
