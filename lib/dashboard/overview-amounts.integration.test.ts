import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import { db } from "../db";
import { overviewOfHistory, type History } from "./metrics";
import { overview } from "./overview";

setUpTestBackends();

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 15, 12);
const ago = (days: number) => new Date(NOW - days * DAY);
const period = { start: ago(30), end: new Date(NOW) };

type Fixture = {
  status: MembershipStatus;
  interval: BillingInterval;
  currency: string;
  amount: number;
  startedAt: Date;
  endedAt?: Date;
  /** [days ago, amount] */
  changes: [number, number][];
};

// Each membership's amount now, and its history (MembershipChange) where it has one.
const MEMBERSHIPS: Fixture[] = [
  // $10 a month until 20 days ago, $15 since: the previous period ended at $10.
  {
    status: "ACTIVE",
    interval: "MONTH",
    currency: "USD",
    amount: 1500,
    startedAt: ago(100),
    changes: [
      [100, 1000],
      [70, 1000],
      [20, 1500],
      [5, 1500],
    ],
  },
  // €120 a year, €60 since 10 days ago.
  {
    status: "ACTIVE",
    interval: "YEAR",
    currency: "EUR",
    amount: 6000,
    startedAt: ago(200),
    changes: [
      [200, 12000],
      [10, 6000],
    ],
  },
  // No history: its amount now throughout.
  {
    status: "ACTIVE",
    interval: "MONTH",
    currency: "USD",
    amount: 700,
    startedAt: ago(90),
    changes: [],
  },
  // A history of one amount.
  {
    status: "PAST_DUE",
    interval: "MONTH",
    currency: "USD",
    amount: 300,
    startedAt: ago(50),
    changes: [
      [50, 300],
      [3, 300],
    ],
  },
  // Raised, then ended before the previous period's end: no member at either end.
  {
    status: "CANCELED",
    interval: "MONTH",
    currency: "USD",
    amount: 9000,
    startedAt: ago(120),
    endedAt: ago(40),
    changes: [
      [120, 100],
      [45, 9000],
    ],
  },
  // £50 from 40 days ago (its history begins after its start), cut to £20 two days after the previous period ended.
  {
    status: "ACTIVE",
    interval: "MONTH",
    currency: "GBP",
    amount: 2000,
    startedAt: ago(60),
    changes: [
      [40, 5000],
      [28, 2000],
    ],
  },
];

beforeAll(async () => {
  let n = 0;
  for (const f of MEMBERSHIPS) {
    n++;
    const s = await db.supporter.create({ data: { email: `m${n}@x.test` } });
    const m = await db.membership.create({
      data: {
        stripeSubscriptionId: `sub_${n}`,
        stripeCustomerId: `cus_${n}`,
        supporterId: s.id,
        status: f.status,
        interval: f.interval,
        amount: f.amount,
        currency: f.currency,
        startedAt: f.startedAt,
        endedAt: f.endedAt ?? null,
        stateAt: f.endedAt ?? f.startedAt,
      },
    });
    // One at a time, as the webhook writes them.
    for (const [days, amount] of f.changes)
      await db.membershipChange.create({
        data: {
          membershipId: m.id,
          at: ago(days),
          status: "ACTIVE",
          interval: f.interval,
          amount,
          currency: f.currency,
          cancelAtPeriodEnd: false,
        },
      });
  }
});

const history: History = {
  memberships: MEMBERSHIPS.map((f) => ({
    ...f,
    endedAt: f.endedAt ?? null,
    stateAt: f.endedAt ?? f.startedAt,
    cancelAtPeriodEnd: false,
    changes: f.changes.map(([days, amount]) => ({ at: ago(days), amount })),
  })),
  payments: [],
  refunds: [],
  disputes: [],
};

const mrr = (o: Awaited<ReturnType<typeof overview>>["current"]) =>
  Object.fromEntries(o.currencies.map((c) => [c.currency, [c.mrr, c.arr]]));

describe("MRR at a period's end uses the amounts in force then (MembershipChange)", () => {
  it("the previous period at the old amounts, the current at today's, as the TypeScript oracle says", async () => {
    const got = await overview(db, period);
    const expected = overviewOfHistory(history, period);
    expect(mrr(got.previous)).toEqual({
      EUR: [1000, 12000],
      GBP: [5000, 60000],
      USD: [1000 + 700 + 300, (1000 + 700 + 300) * 12],
    });
    expect(mrr(got.current)).toEqual({
      EUR: [500, 6000],
      GBP: [2000, 24000],
      USD: [1500 + 700 + 300, (1500 + 700 + 300) * 12],
    });
    expect(mrr(expected.previous)).toEqual(mrr(got.previous));
    expect(mrr(expected.current)).toEqual(mrr(got.current));
    expect(got.current).toEqual(expected.current);
    expect(got.previous).toEqual(expected.previous);
  });

  it("marks only the memberships whose history holds a second amount", async () => {
    const marked = await db.membershipAmountVaries.findMany({
      select: { membership: { select: { stripeSubscriptionId: true } } },
    });
    expect(marked.map((m) => m.membership.stripeSubscriptionId).sort()).toEqual([
      "sub_1",
      "sub_2",
      "sub_5",
      "sub_6",
    ]);
  });
});
