import { Prisma, type Db } from "../db";
import type { BillingInterval, PaymentKind } from "../../generated/prisma/enums";
import { LOST_DISPUTE_SQL } from "../membership/dispute-status";
import {
  previousPeriod,
  summarisePeriod,
  type DisputeGroup,
  type MemberGroup,
  type PaymentGroup,
  type Period,
  type PeriodSummary,
  type RefundGroup,
} from "./metrics";

/**
 * The overview's reads: each is one grouped query over an indexed range (Membership.startedAt/endedAt,
 * Payment.paidAt/createdAt, Refund.createdAt), returning a handful of rows whatever the table sizes;
 * lib/dashboard/metrics does the arithmetic. Refunds count in the period they were made, from Refund rows in
 * the statuses of COUNTED_REFUND_STATUSES (lib/membership/refund-status.ts), spelled out in the SQL below; lost
 * disputes in the period they were lost (Dispute.lostAt, LOST_DISPUTE_SQL from lib/membership/dispute-status.ts).
 */
const LOST_DISPUTE = Prisma.raw(LOST_DISPUTE_SQL);
type GroupRow = {
  interval: BillingInterval;
  currency: string;
  members: bigint | number;
  amount: bigint | number | null;
};

const toGroups = (rows: GroupRow[]): MemberGroup[] =>
  rows.map((r) => ({
    interval: r.interval,
    currency: r.currency,
    members: Number(r.members),
    amount: Number(r.amount ?? 0),
  }));

export async function membersAt(db: Db, at: Date): Promise<MemberGroup[]> {
  return toGroups(
    await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "startedAt" <= ${at} AND ("endedAt" IS NULL OR "endedAt" > ${at})
     GROUP BY 1, 2`,
  );
}

async function startedIn(db: Db, { start, end }: Period): Promise<MemberGroup[]> {
  return toGroups(
    await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "startedAt" >= ${start} AND "startedAt" < ${end}
     GROUP BY 1, 2`,
  );
}

async function endedIn(db: Db, { start, end }: Period): Promise<MemberGroup[]> {
  return toGroups(
    await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "endedAt" >= ${start} AND "endedAt" < ${end}
     GROUP BY 1, 2`,
  );
}

type PaymentGroupRow = {
  kind: PaymentKind;
  currency: string;
  payments: bigint | number;
  gross: bigint | number | null;
};

async function collectedIn(db: Db, { start, end }: Period): Promise<PaymentGroup[]> {
  const rows = await db.$queryRaw<PaymentGroupRow[]>`
    SELECT kind, currency, count(*) AS payments, sum(amount) AS gross FROM "Payment"
     WHERE status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND "paidAt" >= ${start} AND "paidAt" < ${end}
     GROUP BY 1, 2 ORDER BY 2, 1`;
  return rows.map((r) => ({
    kind: r.kind,
    currency: r.currency,
    payments: Number(r.payments),
    gross: Number(r.gross ?? 0),
  }));
}

type RefundGroupRow = {
  currency: string;
  refunds: bigint | number;
  amount: bigint | number | null;
};

/** Refunds made in the period (whenever the payment was), per currency. */
async function refundedIn(db: Db, { start, end }: Period): Promise<RefundGroup[]> {
  const rows = await db.$queryRaw<RefundGroupRow[]>`
    SELECT currency, count(*) AS refunds, sum(amount) AS amount FROM "Refund"
     WHERE status IN ('pending', 'requires_action', 'succeeded') AND "createdAt" >= ${start} AND "createdAt" < ${end}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    currency: r.currency,
    refunds: Number(r.refunds),
    amount: Number(r.amount ?? 0),
  }));
}

type DisputeGroupRow = {
  currency: string;
  disputes: bigint | number;
  amount: bigint | number | null;
};

/** Disputes lost in the period (whenever the payment was), per currency. */
async function disputesLostIn(db: Db, { start, end }: Period): Promise<DisputeGroup[]> {
  const rows = await db.$queryRaw<DisputeGroupRow[]>`
    SELECT currency, count(*) AS disputes, sum(amount) AS amount FROM "Dispute"
     WHERE ${LOST_DISPUTE} AND "lostAt" >= ${start} AND "lostAt" < ${end}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    currency: r.currency,
    disputes: Number(r.disputes),
    amount: Number(r.amount ?? 0),
  }));
}

async function failedIn(db: Db, { start, end }: Period): Promise<number> {
  return db.payment.count({ where: { status: "FAILED", createdAt: { gte: start, lt: end } } });
}

export async function summarise(db: Db, period: Period): Promise<PeriodSummary> {
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
    membersAt(db, period.start),
    membersAt(db, new Date(period.end.getTime() - 1)),
    startedIn(db, period),
    endedIn(db, period),
    collectedIn(db, period),
    refundedIn(db, period),
    disputesLostIn(db, period),
    failedIn(db, period),
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
  db: Db,
  period: Period,
): Promise<{ current: PeriodSummary; previous: PeriodSummary; cancelling: number }> {
  const [current, previous, cancelling] = await Promise.all([
    summarise(db, period),
    summarise(db, previousPeriod(period)),
    db.membership.count({
      where: {
        cancelAtPeriodEnd: true,
        endedAt: null,
        status: { notIn: ["INCOMPLETE", "INCOMPLETE_EXPIRED", "CANCELED"] },
      },
    }),
  ]);
  return { current, previous, cancelling };
}

export type MonthlyRevenue = { month: string; currency: string; net: number; gross: number };

/**
 * Net collected revenue per calendar month (UTC) and currency, for the chart: payments by the month they were
 * paid, less refunds by the month they were made and lost disputes by the month they were lost.
 */
export async function revenueByMonth(
  db: Db,
  months: number,
  now = new Date(),
): Promise<MonthlyRevenue[]> {
  const starts = Array.from(
    { length: months },
    (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i, 1)),
  );
  // One small grouped read per month (an index-only range scan): grouping a year of payments by a date_trunc
  // expression in one statement made PostgreSQL sort them all (it cannot estimate that expression's groups).
  const ends = [
    ...starts.slice(1),
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  ];
  const rows = await db.$queryRaw<
    Array<{ month: Date; currency: string; gross: bigint | number; refunded: bigint | number }>
  >`
    SELECT m.start AS month, x.currency, sum(x.gross) AS gross, sum(x.refunded) AS refunded
      FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) AS m(start, "end")
     CROSS JOIN LATERAL (
       SELECT currency, sum(amount) AS gross, 0 AS refunded FROM "Payment"
        WHERE status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND "paidAt" >= m.start AND "paidAt" < m."end"
        GROUP BY currency
       UNION ALL
       SELECT currency, 0, sum(amount) FROM "Refund"
        WHERE status IN ('pending', 'requires_action', 'succeeded') AND "createdAt" >= m.start AND "createdAt" < m."end"
        GROUP BY currency
       UNION ALL
       SELECT currency, 0, sum(amount) FROM "Dispute"
        WHERE ${LOST_DISPUTE} AND "lostAt" >= m.start AND "lostAt" < m."end"
        GROUP BY currency) AS x
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  return rows.map((r) => ({
    month: new Date(r.month).toISOString().slice(0, 7),
    currency: r.currency,
    gross: Number(r.gross),
    net: Number(r.gross) - Number(r.refunded),
  }));
}

export type MembersPoint = { month: string; monthly: number; annual: number };

/** Members at the end of each of the last `months` months (and now, for the current one). */
export async function membersByMonth(
  db: Db,
  months: number,
  now = new Date(),
): Promise<MembersPoint[]> {
  const points = Array.from({ length: months }, (_, i) => {
    // The last moment of each month (or now): the same "member at" rule as membersAt.
    const end = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i + 1, 1) - 1,
    );
    return end > now ? now : end;
  });
  // One pass over the memberships instead of one per month: a membership counts from the first point at or after
  // its start until the first point at or after its end. width_bucket(t - 1 ms, points) is the number of points
  // before t (points and columns both have millisecond precision; points ascend).
  const rows = await db.$queryRaw<
    Array<{ interval: BillingInterval; before: number; delta: bigint | number }>
  >`
    SELECT "interval", width_bucket(t - interval '1 millisecond', ${points}::timestamptz[]) AS before, sum(delta) AS delta
      FROM (SELECT "interval", "startedAt" AS t, 1 AS delta FROM "Membership"
             WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND ("endedAt" IS NULL OR "endedAt" > "startedAt")
            UNION ALL
            SELECT "interval", "endedAt", -1 FROM "Membership"
             WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "endedAt" > "startedAt") AS changes
     GROUP BY 1, 2`;
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
