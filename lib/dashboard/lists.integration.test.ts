import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { supporterFilters, type SupporterFilters } from "./filters";
import { listPayments, paymentTotals } from "./payments";
import { listSupporters as list, supporterTotals } from "./supporters";

type MembershipSeed = {
  status: string;
  interval: "MONTH" | "YEAR";
  currency: string;
  cancelAtPeriodEnd?: boolean;
  startedDaysAgo: number;
};
type PaymentSeed = { kind: "ONE_TIME" | "RECURRING"; status: string; currency: string };
type SupporterSeed = {
  id: string;
  email: string;
  name?: string;
  daysAgo: number;
  memberships?: MembershipSeed[];
  payments?: PaymentSeed[];
};

const NOW = Date.parse("2026-11-20T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000);

// Newest first: the order the list shows by default.
const SUPPORTERS: SupporterSeed[] = [
  {
    id: "s_both",
    email: "both@x.test",
    daysAgo: 1,
    memberships: [
      { status: "CANCELED", interval: "MONTH", currency: "USD", startedDaysAgo: 300 },
      { status: "ACTIVE", interval: "YEAR", currency: "USD", startedDaysAgo: 10 },
    ],
  },
  {
    id: "s_anaxb",
    email: "anaxb@x.test",
    name: "Anax 500 B",
    daysAgo: 2,
    payments: [{ kind: "RECURRING", status: "FAILED", currency: "USD" }],
  },
  {
    id: "s_pct",
    email: "ana_b@x.test",
    name: "Ana 50% Ltd",
    daysAgo: 3,
    memberships: [{ status: "INCOMPLETE", interval: "MONTH", currency: "EUR", startedDaysAgo: 3 }],
    payments: [{ kind: "RECURRING", status: "FAILED", currency: "EUR" }],
  },
  {
    id: "s_ended",
    email: "ended@x.test",
    daysAgo: 4,
    memberships: [{ status: "CANCELED", interval: "MONTH", currency: "USD", startedDaysAgo: 90 }],
    payments: [
      { kind: "RECURRING", status: "SUCCEEDED", currency: "USD" },
      { kind: "RECURRING", status: "FAILED", currency: "USD" },
    ],
  },
  {
    id: "s_cancelling",
    email: "cancelling@x.test",
    daysAgo: 5,
    memberships: [
      {
        status: "ACTIVE",
        interval: "YEAR",
        currency: "GBP",
        cancelAtPeriodEnd: true,
        startedDaysAgo: 40,
      },
    ],
  },
  {
    id: "s_monthly",
    email: "monthly@x.test",
    name: "Rita Reader",
    daysAgo: 6,
    memberships: [{ status: "ACTIVE", interval: "MONTH", currency: "EUR", startedDaysAgo: 60 }],
    payments: [
      { kind: "RECURRING", status: "SUCCEEDED", currency: "EUR" },
      { kind: "RECURRING", status: "PARTIALLY_REFUNDED", currency: "EUR" },
    ],
  },
  {
    id: "s_once",
    email: "once@x.test",
    daysAgo: 40,
    payments: [
      { kind: "ONE_TIME", status: "SUCCEEDED", currency: "GBP" },
      { kind: "ONE_TIME", status: "PENDING", currency: "USD" },
    ],
  },
  // Lapsed without ending: Stripe stopped retrying (UNPAID), or a trial ended without a card (PAUSED).
  {
    id: "s_unpaid",
    email: "unpaid@x.test",
    daysAgo: 50,
    memberships: [{ status: "UNPAID", interval: "MONTH", currency: "USD", startedDaysAgo: 100 }],
    payments: [{ kind: "RECURRING", status: "FAILED", currency: "USD" }],
  },
  {
    id: "s_paused",
    email: "paused@x.test",
    daysAgo: 60,
    memberships: [{ status: "PAUSED", interval: "YEAR", currency: "GBP", startedDaysAgo: 80 }],
  },
];
const ALL = SUPPORTERS.map((s) => s.id);

setUpTestBackends();

beforeAll(async () => {
  let n = 0;
  for (const s of SUPPORTERS) {
    await db.supporter.create({
      data: { id: s.id, email: s.email, name: s.name, createdAt: daysAgo(s.daysAgo) },
    });
    for (const m of s.memberships ?? []) {
      n++;
      await db.membership.create({
        data: {
          stripeSubscriptionId: `sub_${n}`,
          stripeCustomerId: `cus_${s.id}`,
          supporterId: s.id,
          status: m.status as never,
          interval: m.interval,
          amount: 1000,
          currency: m.currency,
          cancelAtPeriodEnd: m.cancelAtPeriodEnd ?? false,
          startedAt: daysAgo(m.startedDaysAgo),
          endedAt: m.status === "CANCELED" ? daysAgo(m.startedDaysAgo - 30) : null,
          stateAt: daysAgo(1),
        },
      });
    }
    for (const p of s.payments ?? []) {
      n++;
      await db.payment.create({
        data: {
          stripeId: `pay_${n}`,
          supporterId: s.id,
          kind: p.kind,
          status: p.status as never,
          amount: 1000,
          currency: p.currency,
        },
      });
    }
  }
});

const ids = async (f: SupporterFilters, pageSize = 50) =>
  (await list(db, f, pageSize)).rows.map((r) => r.id);

describe("listSupporters filters", () => {
  it.each<[string, SupporterFilters, string[]]>([
    ["no filter, newest first", {}, ALL],
    ["oldest first", { sort: "oldest" }, [...ALL].reverse()],
    ["gave once (collected one-time gifts only)", { frequency: "once" }, ["s_once"]],
    [
      "monthly members, past or present, never incomplete ones",
      { frequency: "monthly" },
      ["s_both", "s_ended", "s_monthly", "s_unpaid"],
    ],
    ["annual members", { frequency: "annual" }, ["s_both", "s_cancelling", "s_paused"]],
    [
      "active: a live membership not set to cancel (not an unpaid or paused one)",
      { status: "active" },
      ["s_both", "s_monthly"],
    ],
    ["cancelling at period end", { status: "cancelling" }, ["s_cancelling"]],
    [
      "ended or lapsed: cancelled, unpaid or paused, and no live membership since",
      { status: "ended" },
      ["s_ended", "s_unpaid", "s_paused"],
    ],
    [
      "never a member (an incomplete checkout does not count)",
      { status: "none" },
      ["s_anaxb", "s_pct", "s_once"],
    ],
    [
      "currency through payments or memberships",
      { currency: "GBP" },
      ["s_cancelling", "s_once", "s_paused"],
    ],
    ["currency and status together", { currency: "EUR", status: "active" }, ["s_monthly"]],
    [
      "joined in a date range (whole UTC days, both ends included)",
      { from: "2026-11-14", to: "2026-11-17" },
      ["s_pct", "s_ended", "s_cancelling", "s_monthly"],
    ],
    ["search in names, case-insensitively", { q: "RITA" }, ["s_monthly"]],
    ["search in emails", { q: "Cancelling@" }, ["s_cancelling"]],
    ["a % in the search is a percent sign, not a wildcard", { q: "50%" }, ["s_pct"]],
    ["an _ in the search is an underscore, not a wildcard", { q: "ana_b" }, ["s_pct"]],
  ])("%s", async (_, filters, expected) => {
    expect(await ids(filters)).toEqual(expected);
  });
});

describe("listSupporters rows and pages", () => {
  it("shows each supporter's latest started membership and counts only collected gifts", async () => {
    const rows = (await list(db, {})).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("s_both")!.memberships).toEqual([
      {
        status: "ACTIVE",
        interval: "YEAR",
        amount: 1000,
        currency: "USD",
        cancelAtPeriodEnd: false,
      },
    ]);
    expect(byId.get("s_pct")!.memberships).toEqual([]);
    expect(byId.get("s_monthly")!._count.payments).toBe(2);
    expect(byId.get("s_ended")!._count.payments).toBe(1);
    expect(byId.get("s_once")!._count.payments).toBe(1);
    expect(byId.get("s_monthly")!.createdAt).toEqual(daysAgo(6));
    expect(byId.get("s_monthly")!.role).toBe("READER");
  });

  it.each<["newest" | "oldest"]>([["newest"], ["oldest"]])(
    "pages through everyone exactly once (%s first), with or without a filter",
    async (sort) => {
      for (const filters of [{ sort }, { sort, status: "none" as const }]) {
        const seen: string[] = [];
        let after: SupporterFilters["after"];
        for (let pages = 0; pages < 10; pages++) {
          const { rows, next } = await list(db, { ...filters, after }, 2);
          seen.push(...rows.map((r) => r.id));
          if (!next) break;
          after = supporterFilters.parse({ after: next }).after; // the page link, as the next request parses it
        }
        expect(seen).toEqual(await ids(filters));
      }
    },
  );
});

describe("listPayments search", () => {
  it.each<[string, string, string[]]>([
    ["a % is a percent sign", "50%", ["s_pct"]],
    ["an _ is an underscore", "ana_b", ["s_pct"]],
    ["plain text matches as before", "ana", ["s_anaxb", "s_pct"]],
  ])("%s", async (_, q, expected) => {
    const { rows } = await listPayments(db, { q, status: "failed" });
    expect(rows.map((r) => r.supporter.id).sort()).toEqual(expected);
  });
});

describe("the lists' matches and totals (every page, per currency, never added across currencies)", () => {
  const cursor = { at: daysAgo(0), id: "zzz" };
  it("payments: every match counted, and the collected ones' amounts per currency", async () => {
    const all = {
      count: 9,
      currencies: [
        { currency: "EUR", payments: 3, collected: 2, amount: 2000, refunded: 0 },
        { currency: "GBP", payments: 1, collected: 1, amount: 1000, refunded: 0 },
        { currency: "USD", payments: 5, collected: 1, amount: 1000, refunded: 0 },
      ],
    };
    expect(await paymentTotals(db, {})).toEqual(all);
    // A page link does not change what matches.
    expect(await paymentTotals(db, { after: cursor })).toEqual(all);
    expect(await paymentTotals(db, { status: "failed" })).toEqual({
      count: 4,
      currencies: [
        { currency: "EUR", payments: 1, collected: 0, amount: 0, refunded: 0 },
        { currency: "USD", payments: 3, collected: 0, amount: 0, refunded: 0 },
      ],
    });
    // Without a from-date, past the cap only "more than"; a from-date bounds the work, and counts exactly.
    expect(await paymentTotals(db, {}, 8)).toEqual({ count: 8, more: true, currencies: [] });
    expect(await paymentTotals(db, { status: "failed" }, 4)).toMatchObject({ count: 4 });
    expect(await paymentTotals(db, { from: "2000-01-01" }, 8)).toEqual(all);
    expect(await paymentTotals(db, { currency: "GBP", kind: "recurring" })).toEqual({
      count: 0,
      currencies: [],
    });
  });

  it("supporters: every match counted, and the collected gifts of those supporters per currency", async () => {
    expect(await supporterTotals(db, { after: cursor })).toEqual({
      count: SUPPORTERS.length,
      currencies: [
        { currency: "EUR", payments: 2, collected: 2, amount: 2000, refunded: 0 },
        { currency: "GBP", payments: 1, collected: 1, amount: 1000, refunded: 0 },
        { currency: "USD", payments: 1, collected: 1, amount: 1000, refunded: 0 },
      ],
    });
    expect(await supporterTotals(db, { status: "active" })).toEqual({
      count: 2,
      currencies: [{ currency: "EUR", payments: 2, collected: 2, amount: 2000, refunded: 0 }],
    });
    // Past the cap, only "more than": a broad filter's exact count would evaluate every supporter.
    expect(await supporterTotals(db, {}, 3)).toEqual({ count: 3, more: true, currencies: [] });
    expect(await supporterTotals(db, { status: "active" }, 2)).toEqual({
      count: 2,
      currencies: [{ currency: "EUR", payments: 2, collected: 2, amount: 2000, refunded: 0 }],
    });
    expect(await supporterTotals(db, { currency: "GBP" })).toEqual({
      count: 3,
      currencies: [{ currency: "GBP", payments: 1, collected: 1, amount: 1000, refunded: 0 }],
    });
  });
});
