/**
 * The overview's arithmetic, as pure functions over small aggregates (the database groups; these combine), and
 * the whole overview over rows in memory (summariseHistory and friends): the rules of lib/rules written in
 * TypeScript, which metrics.property.test.ts holds the overview's SQL (overview.ts) to on random histories.
 * Money stays in integer minor units per currency: nothing here ever adds two currencies together.
 */
import type {
  BillingInterval,
  MembershipStatus,
  PaymentKind,
  PaymentStatus,
} from "../../generated/prisma/enums";
import {
  isLiveMembership,
  isMemberAt,
  membershipEnd,
  wasEverActive,
} from "../rules/membership-status";
import { isCollected, isCountedRefund, isLostDispute } from "../rules/payment-status";

export { isMemberAt };

export type MemberGroup = {
  interval: BillingInterval;
  currency: string;
  members: number;
  amount: number;
};
export type PaymentGroup = { kind: PaymentKind; currency: string; payments: number; gross: number };
/** Refunds made in a period, per currency (whatever period the refunded payment was in). */
export type RefundGroup = { currency: string; refunds: number; amount: number };
/** Disputes lost in a period, per currency (whatever period the disputed payment was in). */
export type DisputeGroup = { currency: string; disputes: number; amount: number };

export type Period = { start: Date; end: Date };

export type MembershipRow = {
  status: MembershipStatus;
  interval: BillingInterval;
  amount: number;
  currency: string;
  startedAt: Date;
  endedAt: Date | null;
  /** When the current status was recorded: a lapsed membership Stripe has not ended stopped counting then. */
  stateAt: Date;
};
export type PaymentRow = {
  kind: PaymentKind;
  status: PaymentStatus;
  amount: number;
  currency: string;
  paidAt: Date | null;
};
export type RefundRow = { status: string; amount: number; currency: string; createdAt: Date };
export type DisputeRow = { status: string; amount: number; currency: string; lostAt: Date | null };

export function groupMembers(
  rows: readonly Pick<MembershipRow, "interval" | "currency" | "amount">[],
): MemberGroup[] {
  const groups = new Map<string, MemberGroup>();
  for (const r of rows) {
    const key = `${r.interval}:${r.currency}`;
    const g = groups.get(key) ?? {
      interval: r.interval,
      currency: r.currency,
      members: 0,
      amount: 0,
    };
    g.members += 1;
    g.amount += r.amount;
    groups.set(key, g);
  }
  return sortGroups([...groups.values()]);
}

export function groupPayments(rows: readonly PaymentRow[], period: Period): PaymentGroup[] {
  const groups = new Map<string, PaymentGroup>();
  for (const p of rows) {
    if (!isCollected(p.status) || !p.paidAt || p.paidAt < period.start || p.paidAt >= period.end)
      continue;
    const key = `${p.kind}:${p.currency}`;
    const g = groups.get(key) ?? { kind: p.kind, currency: p.currency, payments: 0, gross: 0 };
    g.payments += 1;
    g.gross += p.amount;
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.kind.localeCompare(b.kind),
  );
}

/** Refunds created in the period that took money out (not failed or canceled), per currency. */
export function groupRefunds(rows: readonly RefundRow[], period: Period): RefundGroup[] {
  const groups = new Map<string, RefundGroup>();
  for (const r of rows) {
    if (!isCountedRefund(r.status) || r.createdAt < period.start || r.createdAt >= period.end)
      continue;
    const g = groups.get(r.currency) ?? { currency: r.currency, refunds: 0, amount: 0 };
    g.refunds += 1;
    g.amount += r.amount;
    groups.set(r.currency, g);
  }
  return [...groups.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Disputes lost in the period, per currency: the cardholder's bank took the money back for good, so it is money
 * out in the period it was lost (like a refund in the period it was made). Open and won disputes count nowhere.
 */
export function groupLostDisputes(rows: readonly DisputeRow[], period: Period): DisputeGroup[] {
  const groups = new Map<string, DisputeGroup>();
  for (const d of rows) {
    if (!isLostDispute(d.status) || !d.lostAt || d.lostAt < period.start || d.lostAt >= period.end)
      continue;
    const g = groups.get(d.currency) ?? { currency: d.currency, disputes: 0, amount: 0 };
    g.disputes += 1;
    g.amount += d.amount;
    groups.set(d.currency, g);
  }
  return [...groups.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

function sortGroups(groups: MemberGroup[]): MemberGroup[] {
  return groups.sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.interval.localeCompare(b.interval),
  );
}

/**
 * Monthly recurring revenue per currency: monthly plans at their amount, annual plans at amount / 12.
 * Summed exactly (in twelfths) and rounded once per currency, so many small annual plans do not drift.
 */
export function monthlyRecurringRevenue(groups: readonly MemberGroup[]): Record<string, number> {
  const twelfths: Record<string, number> = {};
  for (const g of groups)
    twelfths[g.currency] =
      (twelfths[g.currency] ?? 0) + (g.interval === "MONTH" ? g.amount * 12 : g.amount);
  return Object.fromEntries(
    Object.entries(twelfths).map(([currency, t]) => [currency, Math.round(t / 12)]),
  );
}

/** ARR is MRR × 12, from the exact sum: 12 annual plans of 1000 make ARR 12000, not 12 × round(1000/12). */
export function annualRecurringRevenue(groups: readonly MemberGroup[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups)
    out[g.currency] = (out[g.currency] ?? 0) + (g.interval === "MONTH" ? g.amount * 12 : g.amount);
  return out;
}

/** Members who ended during the period over members at its start; null when there was nobody to lose. */
export function churnRate(membersAtStart: number, churned: number): number | null {
  return membersAtStart > 0 ? churned / membersAtStart : null;
}

/** One month of a period, for its churn: members at the month's start, and members who ended in it. */
export type ChurnMonth = { membersAtStart: number; ended: number };

const DAY_MS = 86_400_000;

/**
 * The period as months for the churn rate: as many equal slices as it has months of about 30 days (one for 30
 * days or less, 3 for 90 days, 12 for 365), so that a rolling period needs no partial calendar month.
 */
export function churnMonths({ start, end }: Period): Period[] {
  const length = end.getTime() - start.getTime();
  const n = Math.max(1, Math.round(length / (30 * DAY_MS)));
  const at = (i: number) => new Date(start.getTime() + Math.round((length * i) / n));
  return Array.from({ length: n }, (_, i) => ({
    start: at(i),
    end: i === n - 1 ? end : at(i + 1),
  }));
}

/** What churnRate means for a period of `months` churn months, in words, to show beside the figure. */
export function churnDefinition(months: number): string {
  return months <= 1
    ? "Members who ended in the period ÷ members at its start."
    : `Average monthly churn: members who ended in a month ÷ members at its start, averaged over the period's ${months} months of about 30 days.`;
}

/**
 * Monthly churn rate, as a revenue team reads it: for each month, members who ended in it ÷ members at its
 * start; averaged over the months that had members at their start (null if none did). Members who joined and
 * left within a month count among that month's ended, as in the usual definition.
 */
export function monthlyChurn(months: readonly ChurnMonth[]): number | null {
  const rates = months
    .map((m) => churnRate(m.membersAtStart, m.ended))
    .filter((r): r is number => r !== null);
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
}

export type CurrencySummary = {
  currency: string;
  monthlyMembers: number;
  annualMembers: number;
  mrr: number;
  arr: number;
  oneTimeRevenue: number;
  recurringRevenue: number;
  grossRevenue: number;
  refunds: number;
  /** Lost disputes: money the cardholders' banks took back in the period. */
  disputesLost: number;
  netRevenue: number;
};

export type PeriodSummary = {
  period: Period;
  currencies: CurrencySummary[];
  activeMembers: number;
  membersAtStart: number;
  newMembers: number;
  churnedMembers: number;
  /** Average monthly churn rate over the period's churnMonths (monthlyChurn). */
  churnRate: number | null;
  /** How many months churnRate averages. */
  churnMonths: number;
  failedPayments: number;
};

export type PeriodInput = {
  period: Period;
  activeAtEnd: MemberGroup[];
  activeAtStart: MemberGroup[];
  newMembers: MemberGroup[];
  churned: MemberGroup[];
  payments: PaymentGroup[];
  refunds: RefundGroup[];
  disputesLost: DisputeGroup[];
  failedPayments: number;
  /** The period's churnMonths, in order: members at each one's start and members who ended in it. */
  churn: ChurnMonth[];
};

const total = (groups: readonly MemberGroup[]) => groups.reduce((n, g) => n + g.members, 0);

/**
 * The overview of one period. Refunds are counted in the period they were made (as Stripe's balance shows them),
 * not in the period of the payment they refund: a March gift refunded in May lowers May's net revenue. A lost
 * dispute likewise lowers the net revenue of the period it was lost in.
 */
export function summarisePeriod(input: PeriodInput): PeriodSummary {
  const mrr = monthlyRecurringRevenue(input.activeAtEnd);
  const arr = annualRecurringRevenue(input.activeAtEnd);
  const currencies = new Set([
    ...input.activeAtEnd.map((g) => g.currency),
    ...input.payments.map((p) => p.currency),
    ...input.refunds.map((r) => r.currency),
    ...input.disputesLost.map((d) => d.currency),
  ]);
  const rows = [...currencies].sort().map((currency): CurrencySummary => {
    const members = input.activeAtEnd.filter((g) => g.currency === currency);
    const pays = input.payments.filter((p) => p.currency === currency);
    const sum = (kind: PaymentKind | null) =>
      pays.filter((p) => kind === null || p.kind === kind).reduce((n, p) => n + p.gross, 0);
    const grossRevenue = sum(null);
    const refunds = input.refunds
      .filter((r) => r.currency === currency)
      .reduce((n, r) => n + r.amount, 0);
    const disputesLost = input.disputesLost
      .filter((d) => d.currency === currency)
      .reduce((n, d) => n + d.amount, 0);
    return {
      currency,
      monthlyMembers: members
        .filter((g) => g.interval === "MONTH")
        .reduce((n, g) => n + g.members, 0),
      annualMembers: members
        .filter((g) => g.interval === "YEAR")
        .reduce((n, g) => n + g.members, 0),
      mrr: mrr[currency] ?? 0,
      arr: arr[currency] ?? 0,
      oneTimeRevenue: sum("ONE_TIME"),
      recurringRevenue: sum("RECURRING"),
      grossRevenue,
      refunds,
      disputesLost,
      netRevenue: grossRevenue - refunds - disputesLost,
    };
  });
  const membersAtStart = total(input.activeAtStart);
  const churnedMembers = total(input.churned);
  return {
    period: input.period,
    currencies: rows,
    activeMembers: total(input.activeAtEnd),
    membersAtStart,
    newMembers: total(input.newMembers),
    churnedMembers,
    churnRate: monthlyChurn(input.churn),
    churnMonths: input.churn.length,
    failedPayments: input.failedPayments,
  };
}

/** The same length of time just before. */
export function previousPeriod({ start, end }: Period): Period {
  const length = end.getTime() - start.getTime();
  return { start: new Date(start.getTime() - length), end: new Date(start.getTime()) };
}

/** Relative change, null when the previous value was zero (no meaningful percentage). */
export function change(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

export type MonthlyRevenue = { month: string; currency: string; net: number; gross: number };
export type MembersPoint = { month: string; monthly: number; annual: number };

/** A bar or point of the overview's charts: a calendar month (UTC) of the period, cut to the period. */
export type ChartMonth = {
  /** YYYY-MM, the key of its MonthlyRevenue and MembersPoint rows. */
  month: string;
  start: Date;
  end: Date;
  /** Cut by the period's start or end: not the whole month (the current month, to date). */
  partial: boolean;
  /** "Dec (to date)", "Sep (from 2)", "Jan 2026": the year with the first month and each January. */
  label: string;
};

const MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** The calendar months (UTC) the period touches, each cut to the period, oldest first. */
export function chartMonths({ start, end }: Period): ChartMonth[] {
  const out: ChartMonth[] = [];
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  for (;;) {
    const monthStart = Date.UTC(y, m, 1);
    const monthEnd = Date.UTC(y, m + 1, 1);
    if (monthStart >= end.getTime()) break;
    const from = Math.max(monthStart, start.getTime());
    const to = Math.min(monthEnd, end.getTime());
    const cutStart = from > monthStart;
    const cutEnd = to < monthEnd;
    const name = `${MONTH_NAMES[m]}${out.length === 0 || m === 0 ? ` ${y}` : ""}`;
    const notes = [
      ...(cutStart ? [`from ${new Date(from).getUTCDate()}`] : []),
      ...(cutEnd ? ["to date"] : []),
    ];
    out.push({
      month: new Date(monthStart).toISOString().slice(0, 7),
      start: new Date(from),
      end: new Date(to),
      partial: cutStart || cutEnd,
      label: notes.length ? `${name} (${notes.join(", ")})` : name,
    });
    if (++m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** A membership's amount in its history (MembershipChange) from `at` on. */
export type AmountChange = { at: Date; amount: number };

/**
 * The amount in force at `at`: that of the latest change at or before it (of two at one instant, the larger),
 * else, with no history by then, the membership's amount now.
 */
export function amountAt(
  m: { amount: number; changes?: readonly AmountChange[] },
  at: Date,
): number {
  let best: AmountChange | undefined;
  for (const c of m.changes ?? [])
    if (
      c.at <= at &&
      (!best || c.at > best.at || (c.at.getTime() === best.at.getTime() && c.amount > best.amount))
    )
      best = c;
  return best ? best.amount : m.amount;
}

/** Everything the overview reads, as rows. */
export type History = {
  memberships: readonly (MembershipRow & {
    cancelAtPeriodEnd: boolean;
    changes?: readonly AmountChange[];
  })[];
  payments: readonly (PaymentRow & { createdAt: Date })[];
  refunds: readonly RefundRow[];
  disputes: readonly DisputeRow[];
};

const within = (t: Date | null, { start, end }: Period) => t !== null && t >= start && t < end;

/** The overview of one period (lib/dashboard/overview.ts's summarise), from rows. */
export function summariseHistory(h: History, period: Period): PeriodSummary {
  // Each member at the amount in force then (MRR and ARR at a past period's end are what they were).
  const at = (t: Date) =>
    groupMembers(
      h.memberships.filter((m) => isMemberAt(m, t)).map((m) => ({ ...m, amount: amountAt(m, t) })),
    );
  const members = h.memberships.filter((m) => wasEverActive(m.status));
  const churn = churnMonths(period).map((month) => ({
    membersAtStart: h.memberships.filter((m) => isMemberAt(m, month.start)).length,
    ended: members.filter((m) => within(membershipEnd(m), month)).length,
  }));
  return summarisePeriod({
    period,
    activeAtStart: at(period.start),
    activeAtEnd: at(new Date(period.end.getTime() - 1)),
    newMembers: groupMembers(members.filter((m) => within(m.startedAt, period))),
    churned: groupMembers(members.filter((m) => within(membershipEnd(m), period))),
    payments: groupPayments(h.payments, period),
    refunds: groupRefunds(h.refunds, period),
    disputesLost: groupLostDisputes(h.disputes, period),
    failedPayments: h.payments.filter((p) => p.status === "FAILED" && within(p.createdAt, period))
      .length,
    churn,
  });
}

/** overview.ts's overview, from rows. */
export function overviewOfHistory(
  h: History,
  period: Period,
): { current: PeriodSummary; previous: PeriodSummary; cancelling: number } {
  return {
    current: summariseHistory(h, period),
    previous: summariseHistory(h, previousPeriod(period)),
    cancelling: h.memberships.filter(
      (m) => m.cancelAtPeriodEnd && m.endedAt === null && isLiveMembership(m.status),
    ).length,
  };
}

/** overview.ts's revenueByMonth, from rows: per month and currency with any money in or out. */
export function revenueByMonthOfHistory(h: History, period: Period): MonthlyRevenue[] {
  return chartMonths(period).flatMap((month) => {
    const gross = new Map<string, number>();
    for (const p of groupPayments(h.payments, month))
      gross.set(p.currency, (gross.get(p.currency) ?? 0) + p.gross);
    const out = new Map<string, number>();
    for (const r of groupRefunds(h.refunds, month))
      out.set(r.currency, (out.get(r.currency) ?? 0) + r.amount);
    for (const d of groupLostDisputes(h.disputes, month))
      out.set(d.currency, (out.get(d.currency) ?? 0) + d.amount);
    return [...new Set([...gross.keys(), ...out.keys()])].sort().map((currency) => ({
      month: month.month,
      currency,
      gross: gross.get(currency) ?? 0,
      net: (gross.get(currency) ?? 0) - (out.get(currency) ?? 0),
    }));
  });
}

/** overview.ts's membersByMonth, from rows: members at the last moment of each chart month. */
export function membersByMonthOfHistory(h: History, period: Period): MembersPoint[] {
  return chartMonths(period).map((month) => {
    const point = new Date(month.end.getTime() - 1);
    const members = h.memberships.filter((m) => isMemberAt(m, point));
    return {
      month: month.month,
      monthly: members.filter((m) => m.interval === "MONTH").length,
      annual: members.filter((m) => m.interval === "YEAR").length,
    };
  });
}
