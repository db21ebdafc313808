import type {
  BillingInterval,
  DailyMeasure,
  MembershipStatus,
  PaymentKind,
  PaymentStatus,
} from "../../generated/prisma/enums";
import { all, first, q, sql } from "../db/query";
import type { Sql } from "../db/sql";
import {
  EVER_ACTIVE_MEMBERSHIP_STATUSES,
  everActiveMembershipSql,
  isLapsedMembership,
  LAPSED_MEMBERSHIP_STATUSES,
  liveMembershipSql,
  membershipEndSql,
} from "../rules/membership-status";
import {
  COLLECTED_PAYMENT_STATUSES,
  COUNTED_REFUND_STATUSES,
  LOST_DISPUTE_STATUS,
} from "../rules/payment-status";
import { sqlOf, type DbOrSql } from "../db/executor";
import { allTimeTotals, FAR_FUTURE, totalsIn, type Total, type Wanted } from "./daily-totals";
import {
  chartMonths,
  churnMonths,
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
 * The overview's reads, from the daily totals (lib/dashboard/daily-totals.ts): a read costs the days it covers,
 * whatever the number of payments. Who is a member and what money counts are the rules of lib/rules
 * (membership-status, payment-status), applied here to the totals' statuses; lib/dashboard/metrics does the
 * arithmetic. overview.oracle.integration.test.ts checks these figures against the same rules written in
 * TypeScript (lib/dashboard/metrics.ts) on random histories, and the totals against the rows they total.
 */
/** Sums `rows` per bucket and key into `make`'s groups, dropping the keys that add up to nothing. */
function perBucket<G extends { count: number }>(
  buckets: number,
  rows: readonly Total[],
  key: (t: Total) => string,
  make: (t: Total) => G,
  add: (g: G, t: Total, sign: number) => void,
  sign: (t: Total) => number = () => 1,
): G[][] {
  const maps = Array.from({ length: buckets }, () => new Map<string, G>());
  for (const t of rows) {
    const map = maps[t.bucket];
    if (!map) continue;
    const k = key(t);
    const g = map.get(k) ?? make(t);
    g.count += sign(t) * t.count;
    add(g, t, sign(t));
    map.set(k, g);
  }
  return maps.map((m) => [...m.values()].filter((g) => g.count !== 0));
}

type Counted<G> = G & { count: number };
const strip = <G>(groups: Counted<G>[]): G[] =>
  groups.map((g) => {
    const { count, ...rest } = g;
    void count;
    return rest as unknown as G;
  });

const memberGroups = (buckets: number, rows: readonly Total[], sign?: (t: Total) => number) =>
  perBucket<Counted<MemberGroup>>(
    buckets,
    rows,
    (t) => `${t.kind}:${t.currency}`,
    (t) => ({
      interval: t.kind as BillingInterval,
      currency: t.currency,
      members: 0,
      amount: 0,
      count: 0,
    }),
    (g, t, s) => {
      g.members += s * t.count;
      g.amount += s * t.amount;
    },
    sign,
  ).map((groups) => sortGroups(strip(groups)));

const sortGroups = (groups: MemberGroup[]) =>
  groups.sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.interval.localeCompare(b.interval),
  );

const status = (t: Total) => t.status as MembershipStatus;

/**
 * Which rows each measure totals, by lib/rules: money collected, failed payments, refunds that took money out,
 * disputes lost; memberships that were ever members, and (by stateAt, without endedAt) the lapsed ones, whose
 * end is when their lapse was recorded (membershipEnd).
 */
const COUNTED = {
  PAYMENT_PAID: COLLECTED_PAYMENT_STATUSES,
  PAYMENT_CREATED: ["FAILED"] satisfies PaymentStatus[],
  REFUND_CREATED: COUNTED_REFUND_STATUSES,
  DISPUTE_LOST: [LOST_DISPUTE_STATUS],
  MEMBERSHIP_STARTED: EVER_ACTIVE_MEMBERSHIP_STATUSES,
  MEMBERSHIP_ENDED: EVER_ACTIVE_MEMBERSHIP_STATUSES,
  MEMBERSHIP_STATE: LAPSED_MEMBERSHIP_STATUSES,
} as const satisfies Record<DailyMeasure, readonly string[]>;

/** COUNTED for the given measures. */
const counted = <M extends DailyMeasure>(...measures: M[]) =>
  Object.fromEntries(measures.map((m) => [m, COUNTED[m]])) as unknown as Wanted<M>;

/**
 * Whether an ever-active membership's start counts it as a member from then on (isMemberAt): not ended or
 * lapsed at or before its start (`relation` says how its endedAt, or else its stateAt, falls against startedAt).
 */
function startCounts(t: Total): boolean {
  if (t.relation === "ended-after") return true;
  if (t.relation === "ended-before") return false;
  // No endedAt: a lapsed one ended at stateAt, a live one has not ended.
  return !isLapsedMembership(status(t)) || t.relation === "state-after";
}

/**
 * Members at each of `points` (isMemberAt): the memberships that ever started and counted, less those that
 * ended after their start, each over all time, less what happened after the point. So the cost grows with the
 * days since the earliest point, not with the memberships.
 */
export async function membersAtPoints(
  db: DbOrSql,
  points: readonly Date[],
): Promise<MemberGroup[][]> {
  const sorted = [...new Set(points.map((p) => p.getTime()))].sort((a, b) => a - b);
  // Bucket i is (points[i], points[i + 1]], the last one up to any time at all: times have millisecond precision.
  const bounds = [...sorted.map((t) => new Date(t + 1)), FAR_FUTURE];
  const wanted = counted("MEMBERSHIP_STARTED", "MEMBERSHIP_ENDED", "MEMBERSHIP_STATE");
  // A counted start adds a member, an end after the start takes one away.
  const changes = (t: Record<keyof typeof wanted, Total[]>) => [
    ...t.MEMBERSHIP_STARTED.filter(startCounts).map((c) => ({ ...c, sign: 1 })),
    ...[...t.MEMBERSHIP_ENDED, ...t.MEMBERSHIP_STATE]
      .filter((c) => c.relation === "after")
      .map((c) => ({ ...c, sign: -1 })),
  ];
  const [ever, after] = await Promise.all([
    allTimeTotals(sqlOf(db), wanted).then(changes),
    totalsIn(sqlOf(db), wanted, bounds).then(changes),
  ]);
  const atPoint = sorted.map(
    (_, i) =>
      memberGroups(
        1,
        [
          ...ever.map((c) => ({ ...c, bucket: 0 })),
          ...after.filter((c) => c.bucket >= i).map((c) => ({ ...c, bucket: 0, sign: -c.sign })),
        ],
        (t) => (t as Total & { sign: number }).sign,
      )[0]!,
  );
  return points.map((p) => atPoint[sorted.indexOf(p.getTime())]!);
}

/** Members at `at`: started, and not ended or lapsed by then (isMemberAt). */
export async function membersAt(db: DbOrSql, at: Date): Promise<MemberGroup[]> {
  return (await membersAtPoints(db, [at]))[0]!;
}

const MONEY = ["PAYMENT_PAID", "REFUND_CREATED", "DISPUTE_LOST"] as const;
type MoneyTotals = Record<(typeof MONEY)[number], Total[]>;

/** Collected payments, refunds and lost disputes per bucket, from their totals. */
function moneyPer(n: number, t: MoneyTotals) {
  const payments = perBucket<Counted<PaymentGroup>>(
    n,
    t.PAYMENT_PAID,
    (t) => `${t.kind}:${t.currency}`,
    (t) => ({ kind: t.kind as PaymentKind, currency: t.currency, payments: 0, gross: 0, count: 0 }),
    (g, t) => {
      g.payments += t.count;
      g.gross += t.amount;
    },
  ).map((groups) =>
    strip(groups).sort(
      (a, b) => a.currency.localeCompare(b.currency) || a.kind.localeCompare(b.kind),
    ),
  );
  const moneyOut = <K extends "refunds" | "disputes">(rows: Total[], field: K) =>
    perBucket<{ currency: string; amount: number; count: number }>(
      n,
      rows,
      (t) => t.currency,
      (t) => ({ currency: t.currency, amount: 0, count: 0 }),
      (g, t) => {
        g.amount += t.amount;
      },
    ).map((groups) =>
      groups
        .map(({ currency, amount, count }) => ({ currency, [field]: count, amount }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    ) as unknown as (K extends "refunds" ? RefundGroup : DisputeGroup)[][];
  return {
    payments,
    refunds: moneyOut(t.REFUND_CREATED, "refunds"),
    disputesLost: moneyOut(t.DISPUTE_LOST, "disputes"),
  };
}

/**
 * The bounds' periods' totals, per bucket: what summarisePeriod takes, but the members at either end (money,
 * failed payments, memberships started and ended).
 */
async function totalsPer(db: Sql, bounds: readonly Date[]) {
  const n = bounds.length - 1;
  const t = await totalsIn(
    db,
    counted(
      ...MONEY,
      "PAYMENT_CREATED",
      "MEMBERSHIP_STARTED",
      "MEMBERSHIP_ENDED",
      "MEMBERSHIP_STATE",
    ),
    bounds,
  );
  const money = moneyPer(n, t);
  return {
    ...money,
    failed: Array.from({ length: n }, (_, i) =>
      t.PAYMENT_CREATED.filter((c) => c.bucket === i).reduce((sum, c) => sum + c.count, 0),
    ),
    newMembers: memberGroups(n, t.MEMBERSHIP_STARTED),
    churned: memberGroups(n, [...t.MEMBERSHIP_ENDED, ...t.MEMBERSHIP_STATE]),
  };
}

/**
 * What the members at `at` add up to at the amounts in force then (metrics.ts amountAt) less their amounts now,
 * per interval and currency: the daily totals count each membership at its amount now. Only memberships whose
 * history holds a second amount, and whose latest amount took effect after `at` (MembershipAmountVaries.sinceAt,
 * kept by a trigger), can differ: the statement reads those few (an index range on sinceAt, so the cost follows
 * the changes since `at`, not the history) and, for each, its latest change at or before `at`.
 */
export function amountCorrectionQuery(at: Date) {
  return (
    q
      .selectFrom("MembershipAmountVaries as v")
      // From `sinceAt` on the amount in force is the latest one: only memberships changed after `at` can differ.
      .where("v.sinceAt", ">", at)
      // A lateral subquery with a limit, so each marked membership is one primary-key lookup: as a plain join the
      // planner scanned every membership (19 ms at 55 000) to hash-join the few marked ones.
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom("Membership as m")
            .select(["m.id", "m.interval", "m.currency", "m.amount"])
            .whereRef("m.id", "=", "v.membershipId")
            .where((eb) => {
              const end = membershipEndSql({
                status: eb.ref("m.status"),
                endedAt: eb.ref("m.endedAt"),
                stateAt: eb.ref("m.stateAt"),
              });
              // isMemberAt
              return eb.and([
                everActiveMembershipSql(eb.ref("m.status")),
                eb("m.startedAt", "<=", at),
                eb.or([eb(end, "is", null), eb(end, ">", at)]),
              ]);
            })
            .limit(1)
            .as("m"),
        (join) => join.onTrue(),
      )
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom("MembershipChange as c")
            .select("c.amount")
            .whereRef("c.membershipId", "=", "m.id")
            .where("c.at", "<=", at)
            .orderBy("c.at", "desc")
            .orderBy("c.amount", "desc")
            .limit(1)
            .as("c"),
        (join) => join.onTrue(),
      )
      .where((eb) => eb("c.amount", "<>", eb.ref("m.amount")))
      .groupBy(["m.interval", "m.currency"])
      .select((eb) => [
        eb.cast<BillingInterval>("m.interval", "text").as("interval"),
        "m.currency",
        eb.fn.sum<number | string>(sql`${eb.ref("c.amount")} - ${eb.ref("m.amount")}`).as("delta"),
      ])
  );
}

async function amountCorrection(db: Sql, at: Date): Promise<MemberGroup[]> {
  const rows = await all(db, amountCorrectionQuery(at));
  return rows.map((r) => ({
    interval: r.interval,
    currency: r.currency,
    members: 0,
    amount: Number(r.delta),
  }));
}

/** `groups` with `corrections`' amounts added (members unchanged). */
function corrected(groups: readonly MemberGroup[], corrections: readonly MemberGroup[]) {
  return groups.map((g) => {
    const c = corrections.find((x) => x.interval === g.interval && x.currency === g.currency);
    return c ? { ...g, amount: g.amount + c.amount } : g;
  });
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

/** The summaries of consecutive periods [bounds[i], bounds[i + 1]). */
async function summariesOf(db: Sql, bounds: readonly Date[]): Promise<PeriodSummary[]> {
  const periods = bounds.slice(0, -1).map((start, i) => ({ start, end: bounds[i + 1]! }));
  const months = periods.map(churnMonths);
  // The churn's months cut the periods further: memberships ended per month, and members at each one's start.
  const monthBounds = [...new Set(months.flat().flatMap((m) => [m.start, m.end].map(Number)))]
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
  const points = [
    ...periods.flatMap((p) => [p.start, new Date(p.end.getTime() - 1)]),
    ...months.flat().map((m) => m.start),
  ];
  const [totals, members, ended, corrections] = await Promise.all([
    totalsPer(db, bounds),
    membersAtPoints(db, points),
    monthBounds.length > bounds.length
      ? totalsIn(db, counted("MEMBERSHIP_ENDED", "MEMBERSHIP_STATE"), monthBounds).then((t) =>
          memberGroups(monthBounds.length - 1, [...t.MEMBERSHIP_ENDED, ...t.MEMBERSHIP_STATE]),
        )
      : null,
    Promise.all(periods.map((p) => amountCorrection(db, new Date(p.end.getTime() - 1)))),
  ]);
  const at = (t: Date) => members[points.findIndex((p) => p.getTime() === t.getTime())]!;
  const count = (groups: readonly MemberGroup[]) => groups.reduce((n, g) => n + g.members, 0);
  return periods.map(({ start, end }, i) => {
    const churned = totals.churned[i]!;
    return summarisePeriod({
      period: { start, end },
      activeAtStart: at(start),
      // At the amounts in force then: MRR and ARR at a past period's end are what they were.
      activeAtEnd: corrected(at(new Date(end.getTime() - 1)), corrections[i]!),
      newMembers: totals.newMembers[i]!,
      churned,
      payments: totals.payments[i]!,
      refunds: totals.refunds[i]!,
      disputesLost: totals.disputesLost[i]!,
      failedPayments: totals.failed[i]!,
      churn: months[i]!.map((month) => ({
        membersAtStart: count(at(month.start)),
        // A period of one month is its own month.
        ended: ended
          ? count(ended[monthBounds.findIndex((b) => b.getTime() === month.start.getTime())]!)
          : count(churned),
      })),
    });
  });
}

export async function summarise(db: DbOrSql, period: Period): Promise<PeriodSummary> {
  return (await summariesOf(sqlOf(db), [period.start, period.end]))[0]!;
}

export async function overview(
  db: DbOrSql,
  period: Period,
): Promise<{ current: PeriodSummary; previous: PeriodSummary; cancelling: number }> {
  const sqlDb = sqlOf(db);
  const before = previousPeriod(period);
  const [[previous, current], cancelling] = await Promise.all([
    summariesOf(sqlDb, [before.start, period.start, period.end]),
    cancellingNow(sqlDb),
  ]);
  return { current: current!, previous: previous!, cancelling };
}

/**
 * Net collected revenue per chart month (chartMonths: the calendar months, UTC, of the period, cut to it) and
 * currency: payments by the month they were paid, less refunds by the month they were made and lost disputes
 * by the month they were lost.
 */
export async function revenueByMonth(db: DbOrSql, period: Period): Promise<MonthlyRevenue[]> {
  const months = chartMonths(period);
  if (!months.length) return [];
  const bounds = [...months.map((m) => m.start), months.at(-1)!.end];
  const { payments, refunds, disputesLost } = moneyPer(
    months.length,
    await totalsIn(sqlOf(db), counted(...MONEY), bounds),
  );
  return months.flatMap(({ month }, i) => {
    const gross = new Map<string, number>();
    for (const p of payments[i]!) gross.set(p.currency, (gross.get(p.currency) ?? 0) + p.gross);
    const out = new Map<string, number>();
    for (const r of [...refunds[i]!, ...disputesLost[i]!])
      out.set(r.currency, (out.get(r.currency) ?? 0) + r.amount);
    return [...new Set([...gross.keys(), ...out.keys()])].sort().map((currency) => ({
      month,
      currency,
      gross: gross.get(currency) ?? 0,
      net: (gross.get(currency) ?? 0) - (out.get(currency) ?? 0),
    }));
  });
}

/** Members at the last moment of each chart month: its end, or the period's for the current one. */
export async function membersByMonth(db: DbOrSql, period: Period): Promise<MembersPoint[]> {
  const months = chartMonths(period);
  const members = await membersAtPoints(
    db,
    months.map((m) => new Date(m.end.getTime() - 1)),
  );
  const count = (groups: MemberGroup[], interval: BillingInterval) =>
    groups.filter((g) => g.interval === interval).reduce((n, g) => n + g.members, 0);
  return months.map(({ month }, i) => ({
    month,
    monthly: count(members[i]!, "MONTH"),
    annual: count(members[i]!, "YEAR"),
  }));
}
