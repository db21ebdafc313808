import { describe, expect, it } from "vitest";
import {
  annualRecurringRevenue,
  change,
  chartMonths,
  churnDefinition,
  churnMonths,
  churnRate,
  groupMembers,
  groupLostDisputes,
  groupRefunds,
  isMemberAt,
  monthlyChurn,
  monthlyRecurringRevenue,
  previousPeriod,
  summarisePeriod,
  summariseHistory,
  type DisputeRow,
  type History,
  type MembershipRow,
  type PaymentRow,
  type RefundRow,
} from "./metrics";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("MRR and ARR", () => {
  it("counts annual plans as amount / 12 and keeps currencies apart", () => {
    // USD: two monthly $10 (2000) + one annual $120 (12000 / 12 = 1000) → MRR 3000, ARR 36000.
    // EUR: one annual €100 (10000 / 12 = 833.33…) → MRR 833, ARR 10000.
    const groups = groupMembers([
      { interval: "MONTH", currency: "USD", amount: 1000 },
      { interval: "MONTH", currency: "USD", amount: 1000 },
      { interval: "YEAR", currency: "USD", amount: 12000 },
      { interval: "YEAR", currency: "EUR", amount: 10000 },
    ]);
    expect(monthlyRecurringRevenue(groups)).toEqual({ USD: 3000, EUR: 833 });
    expect(annualRecurringRevenue(groups)).toEqual({ USD: 36000, EUR: 10000 });
  });

  it("rounds once per currency, not once per plan", () => {
    // Three annual £50 plans: 15000 / 12 = 1250 exactly; per-plan rounding would give 3 × 417 = 1251.
    const groups = groupMembers(
      [5000, 5000, 5000].map((amount) => ({ interval: "YEAR" as const, currency: "GBP", amount })),
    );
    expect(monthlyRecurringRevenue(groups)).toEqual({ GBP: 1250 });
  });
});

describe("who is a member", () => {
  const base: MembershipRow = {
    status: "ACTIVE",
    interval: "MONTH",
    amount: 1000,
    currency: "USD",
    startedAt: d("2026-01-10"),
    endedAt: null,
    stateAt: d("2026-01-10"),
  };

  it("counts a cancellation at period end until the period ends, and never a membership that never started", () => {
    const cancelling = { ...base, status: "ACTIVE" as const }; // cancel_at_period_end: still ACTIVE, endedAt null
    expect(isMemberAt(cancelling, d("2026-03-01"))).toBe(true);
    const ended = { ...base, status: "CANCELED" as const, endedAt: d("2026-02-10") };
    expect(isMemberAt(ended, d("2026-02-09"))).toBe(true);
    expect(isMemberAt(ended, d("2026-02-10"))).toBe(false);
    expect(isMemberAt({ ...base, status: "INCOMPLETE_EXPIRED" }, d("2026-03-01"))).toBe(false);
    expect(isMemberAt(base, d("2026-01-09"))).toBe(false);
  });

  it("counts a past-due membership (Stripe still retrying), and an unpaid or paused one only until it lapsed", () => {
    expect(isMemberAt({ ...base, status: "PAST_DUE" }, d("2026-03-01"))).toBe(true);
    for (const status of ["UNPAID", "PAUSED"] as const) {
      const lapsed = { ...base, status, stateAt: d("2026-02-20") }; // Stripe keeps it, without an end
      expect(isMemberAt(lapsed, d("2026-02-19"))).toBe(true);
      expect(isMemberAt(lapsed, d("2026-02-20"))).toBe(false);
    }
  });
});

describe("a period's summary", () => {
  const period = { start: d("2026-03-01"), end: d("2026-04-01") };
  const memberships = (
    [
      {
        status: "ACTIVE",
        interval: "MONTH",
        amount: 1000,
        currency: "USD",
        startedAt: d("2026-01-05"),
        endedAt: null,
      }, // member throughout
      {
        status: "CANCELED",
        interval: "MONTH",
        amount: 500,
        currency: "USD",
        startedAt: d("2026-01-20"),
        endedAt: d("2026-03-20"),
      }, // churned in March
      {
        status: "ACTIVE",
        interval: "YEAR",
        amount: 6000,
        currency: "USD",
        startedAt: d("2026-03-15"),
        endedAt: null,
      }, // new in March
      {
        status: "ACTIVE",
        interval: "YEAR",
        amount: 12000,
        currency: "EUR",
        startedAt: d("2025-06-01"),
        endedAt: null,
      }, // member throughout
    ] satisfies Omit<MembershipRow, "stateAt">[]
  ).map((m) => ({
    ...m,
    stateAt: m.endedAt ?? m.startedAt,
    cancelAtPeriodEnd: false,
  }));
  const payments = (
    [
      {
        kind: "ONE_TIME",
        status: "SUCCEEDED",
        amount: 700,
        currency: "USD",
        paidAt: d("2026-02-20"),
      }, // previous period
      {
        kind: "RECURRING",
        status: "SUCCEEDED",
        amount: 1000,
        currency: "USD",
        paidAt: d("2026-03-05"),
      },
      {
        kind: "RECURRING",
        status: "SUCCEEDED",
        amount: 6000,
        currency: "USD",
        paidAt: d("2026-03-15"),
      },
      {
        kind: "ONE_TIME",
        status: "PARTIALLY_REFUNDED",
        amount: 5000,
        currency: "USD",
        paidAt: d("2026-03-02"),
      },
      {
        kind: "ONE_TIME",
        status: "REFUNDED",
        amount: 2500,
        currency: "EUR",
        paidAt: d("2026-03-30"),
      },
      {
        kind: "ONE_TIME",
        status: "SUCCEEDED",
        amount: 9999,
        currency: "USD",
        paidAt: d("2026-04-01"),
      }, // next period
      { kind: "RECURRING", status: "FAILED", amount: 500, currency: "USD", paidAt: null },
    ] satisfies PaymentRow[]
  ).map((p) => ({ ...p, createdAt: p.paidAt ?? d("2026-03-28") }));
  const refunds: RefundRow[] = [
    { status: "succeeded", amount: 2000, currency: "USD", createdAt: d("2026-03-10") }, // part of the $50 gift, in March
    { status: "pending", amount: 700, currency: "USD", createdAt: d("2026-03-20") }, // February's $7 gift, refunded in March: counts in March
    { status: "failed", amount: 300, currency: "USD", createdAt: d("2026-03-25") }, // failed: the money came back, counts nowhere
    { status: "canceled", amount: 400, currency: "USD", createdAt: d("2026-03-26") }, // canceled: likewise
    { status: "succeeded", amount: 2500, currency: "EUR", createdAt: d("2026-04-02") }, // March's €25 gift, refunded in April
  ];
  const disputes: DisputeRow[] = [
    { status: "lost", amount: 1000, currency: "USD", lostAt: d("2026-03-12") }, // lost in March: money out in March
    { status: "lost", amount: 600, currency: "USD", lostAt: d("2026-02-25") }, // lost in February
    { status: "won", amount: 800, currency: "USD", lostAt: null }, // won: the money stayed
    { status: "under_review", amount: 300, currency: "USD", lostAt: null }, // still open: counts nowhere yet
    { status: "lost", amount: 500, currency: "EUR", lostAt: d("2026-04-03") }, // lost in April
    // Lost, then won on appeal: the row keeps when it was lost, but it is no longer money out.
    { status: "won", amount: 900, currency: "USD", lostAt: d("2026-03-15") },
  ];
  const history: History = { memberships, payments, refunds, disputes };
  const summaryOf = (p: typeof period) => summariseHistory(history, p);

  it("matches a hand-worked month with renewals, a churn, refunds and a failed payment", () => {
    const summary = summaryOf(period);
    expect(summary).toMatchObject({
      activeMembers: 3,
      membersAtStart: 3,
      newMembers: 1,
      churnedMembers: 1,
      failedPayments: 1,
    });
    expect(summary.churnRate).toBeCloseTo(1 / 3);
    expect(summary.currencies).toEqual([
      // EUR: annual €120 → MRR 1000; a €25 gift, refunded only in April → March keeps it: net 2500.
      {
        currency: "EUR",
        monthlyMembers: 0,
        annualMembers: 1,
        mrr: 1000,
        arr: 12000,
        oneTimeRevenue: 2500,
        recurringRevenue: 0,
        grossRevenue: 2500,
        refunds: 0,
        disputesLost: 0,
        netRevenue: 2500,
      },
      // USD: $10 monthly + $60 annual (500/month) → MRR 1500; gross 1000 + 6000 + 5000 = 12000; refunds made in
      // March 2000 + 700 (pending counts; failed and canceled do not) = 2700; the $10 dispute lost in March
      // (not February's, not the won or open ones) = 1000 → net 8300.
      {
        currency: "USD",
        monthlyMembers: 1,
        annualMembers: 1,
        mrr: 1500,
        arr: 18000,
        oneTimeRevenue: 5000,
        recurringRevenue: 7000,
        grossRevenue: 12000,
        refunds: 2700,
        disputesLost: 1000,
        netRevenue: 8300,
      },
    ]);
  });

  it("subtracts a refund in the month it was made, not in the month of the payment it refunds", () => {
    const april = summaryOf({ start: d("2026-04-01"), end: d("2026-05-01") });
    // EUR in April: no payment, the €25 refund of March's gift (and the €5 dispute lost in April) → net −3000. USD: the $99.99 gift of 1 April.
    expect(
      april.currencies.map((c) => [c.currency, c.grossRevenue, c.refunds, c.netRevenue]),
    ).toEqual([
      ["EUR", 0, 2500, -3000],
      ["USD", 9999, 0, 9999],
    ]);
    expect(groupRefunds(refunds, { start: d("2026-03-01"), end: d("2026-04-01") })).toEqual([
      { currency: "USD", refunds: 2, amount: 2700 },
    ]);
  });

  it("counts a lost dispute as money out in the period it was lost, and open or won ones nowhere", () => {
    expect(groupLostDisputes(disputes, period)).toEqual([
      { currency: "USD", disputes: 1, amount: 1000 },
    ]);
    expect(groupLostDisputes(disputes, { start: d("2026-02-01"), end: d("2026-03-01") })).toEqual([
      { currency: "USD", disputes: 1, amount: 600 },
    ]);
    const april = summaryOf({ start: d("2026-04-01"), end: d("2026-05-01") });
    // EUR in April: the €25 refund and the €5 dispute lost then.
    expect(april.currencies.find((c) => c.currency === "EUR")).toMatchObject({
      grossRevenue: 0,
      refunds: 2500,
      disputesLost: 500,
      netRevenue: -3000,
    });
    // A currency with only a lost dispute in the period still gets its row.
    const onlyDispute = summarisePeriod({
      period,
      activeAtStart: [],
      activeAtEnd: [],
      newMembers: [],
      churned: [],
      payments: [],
      refunds: [],
      disputesLost: [{ currency: "GBP", disputes: 1, amount: 700 }],
      failedPayments: 0,
      churn: [],
    });
    expect(onlyDispute.currencies).toMatchObject([
      { currency: "GBP", grossRevenue: 0, disputesLost: 700, netRevenue: -700 },
    ]);
  });

  it("has no churn rate when there was nobody at the start", () => {
    expect(churnRate(0, 0)).toBeNull();
    expect(churnRate(40, 2)).toBe(0.05);
  });

  it("compares with the same length of time just before", () => {
    expect(previousPeriod({ start: d("2026-03-01"), end: d("2026-03-31") })).toEqual({
      start: d("2026-01-30"),
      end: d("2026-03-01"),
    });
    expect(change(150, 100)).toBe(0.5);
    expect(change(5, 0)).toBeNull();
  });
});

describe("monthly churn rate", () => {
  it("averages each month's ended ÷ members at its start, skipping months with nobody to lose", () => {
    // 5 of 100 (5 %), 8 of 80 (10 %), 0 of 50 (0 %), and a month with no members at its start (no rate):
    // (0.05 + 0.10 + 0) / 3 = 5 %. Pooled over the period it would read 13 / 100 = 13 %.
    expect(
      monthlyChurn([
        { membersAtStart: 100, ended: 5 },
        { membersAtStart: 80, ended: 8 },
        { membersAtStart: 50, ended: 0 },
        { membersAtStart: 0, ended: 2 },
      ]),
    ).toBeCloseTo(0.05, 10);
    expect(monthlyChurn([{ membersAtStart: 0, ended: 1 }])).toBeNull();
    expect(monthlyChurn([])).toBeNull();
  });

  it("cuts 30, 90 and 365 days into 1, 3 and 12 months of about 30 days", () => {
    const end = new Date("2026-12-01T12:00:00Z");
    const months = (days: number) =>
      churnMonths({ start: new Date(end.getTime() - days * 86_400_000), end });
    expect(months(30)).toEqual([{ start: new Date("2026-11-01T12:00:00Z"), end }]);
    expect(months(90).map((m) => m.start.toISOString())).toEqual([
      "2026-09-02T12:00:00.000Z",
      "2026-10-02T12:00:00.000Z",
      "2026-11-01T12:00:00.000Z",
    ]);
    const year = months(365);
    expect(year).toHaveLength(12);
    expect(year[0]!.start).toEqual(new Date("2025-12-01T12:00:00Z"));
    expect(year.at(-1)!.end).toEqual(end);
    // Contiguous: each month starts where the one before ended.
    for (let i = 1; i < year.length; i++) expect(year[i]!.start).toEqual(year[i - 1]!.end);
    expect(months(1)).toHaveLength(1);
  });

  it("says what the figure is", () => {
    expect(churnDefinition(1)).toBe("Members who ended in the period ÷ members at its start.");
    expect(churnDefinition(12)).toMatch(/^Average monthly churn: .* over the period's 12 months/);
  });

  it("reads a 90-day history as the average of its three months", () => {
    // Four monthly members from before the period; A ends in its first month, B in its third, and E joins and
    // leaves within the second. Months: 1 of 4 (25 %), 1 of 3 (E: 33.3 %), 1 of 3 (B: 33.3 %) → 30.6 %.
    // The period's pooled ratio would be 3 ended of 4 at the start: 75 %.
    const period = { start: d("2026-01-01"), end: d("2026-04-01") }; // 90 days: Jan 1, Jan 31, Mar 2
    const member = (startedAt: string, endedAt: string | null): MembershipRow => ({
      status: endedAt ? "CANCELED" : "ACTIVE",
      interval: "MONTH",
      amount: 1000,
      currency: "USD",
      startedAt: d(startedAt),
      endedAt: endedAt ? d(endedAt) : null,
      stateAt: d(endedAt ?? "2025-10-01"),
    });
    const memberships = [
      member("2025-10-01", "2026-01-15"), // A
      member("2025-10-01", "2026-03-20"), // B
      member("2025-10-01", null), // C
      member("2025-10-01", null), // D
      member("2026-02-05", "2026-02-20"), // E
    ].map((m) => ({ ...m, cancelAtPeriodEnd: false }));
    const summary = summariseHistory(
      { memberships, payments: [], refunds: [], disputes: [] },
      period,
    );
    expect(summary.churnMonths).toBe(3);
    expect(summary.churnedMembers).toBe(3);
    expect(summary.churnRate).toBeCloseTo((1 / 4 + 1 / 3 + 1 / 3) / 3, 10);
  });
});

describe("the charts' months", () => {
  const end = new Date("2026-12-01T12:00:00Z");
  const back = (days: number) => ({ start: new Date(end.getTime() - days * 86_400_000), end });

  it("follow the period, and mark the months it cuts as partial", () => {
    expect(chartMonths(back(30))).toEqual([
      {
        month: "2026-11",
        start: new Date("2026-11-01T12:00:00Z"),
        end: new Date("2026-12-01T00:00:00Z"),
        partial: true,
        label: "Nov 2026 (from 1)",
      },
      {
        month: "2026-12",
        start: new Date("2026-12-01T00:00:00Z"),
        end,
        partial: true,
        label: "Dec (to date)",
      },
    ]);
    expect(chartMonths(back(90)).map((m) => m.label)).toEqual([
      "Sep 2026 (from 2)",
      "Oct",
      "Nov",
      "Dec (to date)",
    ]);
    const year = chartMonths(back(365));
    expect(year).toHaveLength(13);
    expect(year.map((m) => m.label).slice(0, 3)).toEqual(["Dec 2025 (from 1)", "Jan 2026", "Feb"]);
    expect(year.filter((m) => m.partial).map((m) => m.month)).toEqual(["2025-12", "2026-12"]);
  });

  it("end with the last whole month when the period ends at a month's start", () => {
    const months = chartMonths({
      start: new Date("2026-10-01T00:00:00Z"),
      end: new Date("2026-12-01T00:00:00Z"),
    });
    expect(months.map((m) => [m.label, m.partial])).toEqual([
      ["Oct 2026", false],
      ["Nov", false],
    ]);
  });
});
