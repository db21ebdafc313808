import type { Db } from "../db";
import type { BillingInterval, PaymentKind } from "../../generated/prisma/enums";
import { previousPeriod, summarisePeriod, type MemberGroup, type PaymentGroup, type Period, type PeriodSummary } from "./metrics";

/**
 * The overview's reads: each is one grouped query over an indexed range (Membership.startedAt/endedAt,
 * Payment.paidAt/createdAt), returning a handful of rows whatever the table sizes; lib/dashboard/metrics
 * does the arithmetic.
 */
type GroupRow = { interval: BillingInterval; currency: string; members: bigint | number; amount: bigint | number | null };

const toGroups = (rows: GroupRow[]): MemberGroup[] =>
  rows.map((r) => ({ interval: r.interval, currency: r.currency, members: Number(r.members), amount: Number(r.amount ?? 0) }));

export async function membersAt(db: Db, at: Date): Promise<MemberGroup[]> {
  return toGroups(await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "startedAt" <= ${at} AND ("endedAt" IS NULL OR "endedAt" > ${at})
     GROUP BY 1, 2`);
}

async function startedIn(db: Db, { start, end }: Period): Promise<MemberGroup[]> {
  return toGroups(await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "startedAt" >= ${start} AND "startedAt" < ${end}
     GROUP BY 1, 2`);
}

async function endedIn(db: Db, { start, end }: Period): Promise<MemberGroup[]> {
  return toGroups(await db.$queryRaw<GroupRow[]>`
    SELECT "interval", currency, count(*) AS members, sum(amount) AS amount FROM "Membership"
     WHERE status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') AND "endedAt" >= ${start} AND "endedAt" < ${end}
     GROUP BY 1, 2`);
}

type PaymentGroupRow = { kind: PaymentKind; currency: string; payments: bigint | number; gross: bigint | number | null; refunded: bigint | number | null };

async function collectedIn(db: Db, { start, end }: Period): Promise<PaymentGroup[]> {
  const rows = await db.$queryRaw<PaymentGroupRow[]>`
    SELECT kind, currency, count(*) AS payments, sum(amount) AS gross, sum("amountRefunded") AS refunded FROM "Payment"
     WHERE status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND "paidAt" >= ${start} AND "paidAt" < ${end}
     GROUP BY 1, 2 ORDER BY 2, 1`;
  return rows.map((r) => ({ kind: r.kind, currency: r.currency, payments: Number(r.payments), gross: Number(r.gross ?? 0), refunded: Number(r.refunded ?? 0) }));
}

async function failedIn(db: Db, { start, end }: Period): Promise<number> {
  return db.payment.count({ where: { status: "FAILED", createdAt: { gte: start, lt: end } } });
}

export async function summarise(db: Db, period: Period): Promise<PeriodSummary> {
  const [activeAtStart, activeAtEnd, newMembers, churned, payments, failedPayments] = await Promise.all([
    membersAt(db, period.start),
    membersAt(db, new Date(period.end.getTime() - 1)),
    startedIn(db, period),
    endedIn(db, period),
    collectedIn(db, period),
    failedIn(db, period),
  ]);
  return summarisePeriod({ period, activeAtStart, activeAtEnd, newMembers, churned, payments, failedPayments });
}

export async function overview(db: Db, period: Period): Promise<{ current: PeriodSummary; previous: PeriodSummary; cancelling: number }> {
  const [current, previous, cancelling] = await Promise.all([
    summarise(db, period),
    summarise(db, previousPeriod(period)),
    db.membership.count({ where: { cancelAtPeriodEnd: true, endedAt: null, status: { notIn: ["INCOMPLETE", "INCOMPLETE_EXPIRED", "CANCELED"] } } }),
  ]);
  return { current, previous, cancelling };
}

export type MonthlyRevenue = { month: string; currency: string; net: number; gross: number };

/** Net collected revenue per calendar month (UTC) and currency, for the chart. */
export async function revenueByMonth(db: Db, months: number, now = new Date()): Promise<MonthlyRevenue[]> {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = await db.$queryRaw<Array<{ month: Date; currency: string; gross: bigint | number; refunded: bigint | number }>>`
    SELECT date_trunc('month', "paidAt" AT TIME ZONE 'UTC') AS month, currency, sum(amount) AS gross, sum("amountRefunded") AS refunded
      FROM "Payment" WHERE status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND "paidAt" >= ${from}
     GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({
    month: new Date(r.month).toISOString().slice(0, 7),
    currency: r.currency,
    gross: Number(r.gross),
    net: Number(r.gross) - Number(r.refunded),
  }));
}

export type MembersPoint = { month: string; monthly: number; annual: number };

/** Members at the end of each of the last `months` months (and now, for the current one). */
export async function membersByMonth(db: Db, months: number, now = new Date()): Promise<MembersPoint[]> {
  const points = Array.from({ length: months }, (_, i) => {
    // The last moment of each month (or now): the same "member at" rule as membersAt.
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i + 1, 1) - 1);
    return end > now ? now : end;
  });
  const rows = await db.$queryRaw<Array<{ at: Date; interval: BillingInterval; members: bigint | number }>>`
    SELECT p.at, m."interval", count(*) AS members
      FROM unnest(${points}::timestamptz[]) AS p(at)
      JOIN "Membership" m ON m."startedAt" <= p.at AND (m."endedAt" IS NULL OR m."endedAt" > p.at)
     WHERE m.status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED')
     GROUP BY 1, 2`;
  return points.map((at) => {
    const label = at.toISOString().slice(0, 7);
    const of = (interval: BillingInterval) => Number(rows.find((r) => new Date(r.at).getTime() === at.getTime() && r.interval === interval)?.members ?? 0);
    return { month: label, monthly: of("MONTH"), annual: of("YEAR") };
  });
}
