import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type {
  BillingInterval,
  MembershipStatus,
  PaymentKind,
  Role,
} from "../../generated/prisma/enums";
import type { Prisma, Db } from "../db";
import { membershipEntries } from "./membership-history";
import { all, q, sql, type DB } from "../db/query";
import { PAYMENT_STATUS_LABELS } from "../rules/labels";
import {
  everActiveMembershipSql,
  lapsedMembershipSql,
  liveMembershipSql,
} from "../rules/membership-status";
import { collectedPaymentSql } from "../rules/payment-status";
import { listedSupporterSql } from "../rules/supporter";
import { sqlOf, type DbOrSql } from "../db/executor";
import { dateRange, encodeCursor, type SupporterFilters } from "./filters";
import type { ListTotals } from "./payments";

type SupporterTables = DB & { s: DB["Supporter"] };
type MembershipTables = SupporterTables & { x: DB["Membership"] };
type PaymentTables = SupporterTables & { x: DB["Payment"] };
/** Some membership of the supporter `s` matches. */
const hasMembership =
  (eb: ExpressionBuilder<SupporterTables, "s">) =>
  (condition: (x: ExpressionBuilder<MembershipTables, "s" | "x">) => Expression<SqlBool>) =>
    eb.exists(
      eb
        .selectFrom("Membership as x")
        .select((x) => x.lit(1).as("one"))
        .whereRef("x.supporterId", "=", "s.id")
        .where(condition),
    );
/** Some payment of the supporter `s` matches. */
const hasPayment =
  (eb: ExpressionBuilder<SupporterTables, "s">) =>
  (condition: (x: ExpressionBuilder<PaymentTables, "s" | "x">) => Expression<SqlBool>) =>
    eb.exists(
      eb
        .selectFrom("Payment as x")
        .select((x) => x.lit(1).as("one"))
        .whereRef("x.supporterId", "=", "s.id")
        .where(condition),
    );

const interval = (value: BillingInterval) => sql.lit(value);

/** The filters as SQL conditions on `s` (the Supporter row); every value is a bound parameter. */
export function supporterConditions(
  eb: ExpressionBuilder<SupporterTables, "s">,
  f: SupporterFilters,
): Expression<SqlBool> {
  const membership = hasMembership(eb);
  const payment = hasPayment(eb);
  const and: Expression<SqlBool>[] = [
    // Staff who never gave are not supporters (lib/rules/supporter.ts).
    listedSupporterSql(
      eb.ref("s.role"),
      eb.or([payment(() => sql.lit(true)), membership(() => sql.lit(true))]),
    ),
  ];
  // strpos, not LIKE: a search for "50%" or "a_b" means those characters.
  if (f.q) {
    const text = f.q.toLowerCase();
    and.push(
      eb.or([
        eb(eb.fn("strpos", [eb.ref("s.email"), eb.val(text)]), ">", eb.lit(0)),
        eb(eb.fn("strpos", [eb.fn("lower", [eb.ref("s.name")]), eb.val(text)]), ">", eb.lit(0)),
      ]),
    );
  }
  if (f.frequency === "once")
    and.push(
      payment((x) =>
        x.and([
          x("x.kind", "=", sql.lit<PaymentKind>("ONE_TIME")),
          collectedPaymentSql(x.ref("x.status")),
        ]),
      ),
    );
  if (f.frequency === "monthly" || f.frequency === "annual") {
    const wanted = interval(f.frequency === "monthly" ? "MONTH" : "YEAR");
    and.push(
      membership((x) =>
        x.and([x("x.interval", "=", wanted), everActiveMembershipSql(x.ref("x.status"))]),
      ),
    );
  }
  if (f.status === "active")
    and.push(
      membership((x) =>
        x.and([liveMembershipSql(x.ref("x.status")), x("x.cancelAtPeriodEnd", "=", x.lit(false))]),
      ),
    );
  if (f.status === "cancelling")
    and.push(
      membership((x) =>
        x.and([liveMembershipSql(x.ref("x.status")), x("x.cancelAtPeriodEnd", "=", x.lit(true))]),
      ),
    );
  // Ended or lapsed: was a member, and is not now.
  if (f.status === "ended")
    and.push(
      eb.and([
        membership((x) => lapsedMembershipSql(x.ref("x.status"))),
        eb.not(membership((x) => liveMembershipSql(x.ref("x.status")))),
      ]),
    );
  if (f.status === "none")
    and.push(eb.not(membership((x) => everActiveMembershipSql(x.ref("x.status")))));
  if (f.currency) {
    const currency = f.currency;
    and.push(
      eb.or([
        payment((x) => x("x.currency", "=", currency)),
        membership((x) => x("x.currency", "=", currency)),
      ]),
    );
  }
  const range = dateRange(f);
  if (range?.gte) and.push(eb("s.createdAt", ">=", range.gte));
  if (range?.lt) and.push(eb("s.createdAt", "<", range.lt));
  // Keyset pagination on (createdAt, id): page N costs what page 1 costs, at any table size.
  if (f.after)
    and.push(
      eb(
        eb.refTuple("s.createdAt", "s.id"),
        f.sort === "oldest" ? ">" : "<",
        eb.tuple(f.after.at, f.after.id),
      ),
    );
  return eb.and(and);
}

type MembershipSummary = Prisma.MembershipGetPayload<{
  select: { status: true; interval: true; amount: true; currency: true; cancelAtPeriodEnd: true };
}>;

export type SupporterRow = Prisma.SupporterGetPayload<{
  select: { id: true; email: true; name: true; role: true; createdAt: true };
}> & {
  /** The latest membership that ever started (at most one). */
  memberships: MembershipSummary[];
  _count: { payments: number };
};

/**
 * One page of supporters, each with its latest membership and collected-gift count, in one statement: the
 * filter and the page, then per row one membership and one count through its indexes (a Prisma `_count` made
 * PostgreSQL group every payment in the table before picking the page).
 */
export async function listSupporters(
  db: DbOrSql,
  f: SupporterFilters,
  pageSize = 50,
): Promise<{ rows: SupporterRow[]; next: string | null }> {
  const order = f.sort === "oldest" ? "asc" : "desc";
  const raw = await all(
    sqlOf(db),
    q
      .selectFrom("Supporter as s")
      .where((eb) => supporterConditions(eb, f))
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom("Membership as x")
            .select(["x.status", "x.interval", "x.amount", "x.currency", "x.cancelAtPeriodEnd"])
            .whereRef("x.supporterId", "=", "s.id")
            .where((x) => everActiveMembershipSql(x.ref("x.status")))
            .orderBy("x.startedAt", "desc")
            .limit(1)
            .as("m"),
        (join) => join.onTrue(),
      )
      .select((eb) => [
        "s.id",
        "s.email",
        "s.name",
        eb.cast<Role>("s.role", "text").as("role"),
        "s.createdAt",
        eb.cast<MembershipStatus | null>("m.status", "text").as("status"),
        eb.cast<BillingInterval | null>("m.interval", "text").as("interval"),
        "m.amount",
        "m.currency",
        "m.cancelAtPeriodEnd",
        eb
          .selectFrom("Payment as x")
          .select((x) => x.fn.countAll<number | string>().as("n"))
          .whereRef("x.supporterId", "=", "s.id")
          .where((x) => collectedPaymentSql(x.ref("x.status")))
          .as("payments"),
      ])
      .orderBy("s.createdAt", order)
      .orderBy("s.id", order)
      .limit(pageSize + 1),
  );
  const more = raw.length > pageSize;
  const page = more ? raw.slice(0, pageSize) : raw;
  return {
    rows: page.map(({ id, email, name, role, createdAt, payments, ...m }) => ({
      id,
      email,
      name,
      role,
      createdAt: new Date(createdAt),
      memberships:
        m.status && m.interval && m.amount !== null && m.currency && m.cancelAtPeriodEnd !== null
          ? [
              {
                status: m.status,
                interval: m.interval,
                amount: m.amount,
                currency: m.currency,
                cancelAtPeriodEnd: m.cancelAtPeriodEnd,
              },
            ]
          : [],
      _count: { payments: Number(payments) },
    })),
    next: more ? encodeCursor({ at: new Date(page.at(-1)!.createdAt), id: page.at(-1)!.id }) : null,
  };
}

/** Up to how many matching supporters the list counts exactly and adds up the gifts of. */
export const SUPPORTER_TOTALS_CAP = 1000;

/**
 * The number of supporters matching the filters (every page, not this one) and, per currency, the collected
 * gifts they gave and what those brought in (refunds not taken off): the same gifts the list's column counts.
 * Counted exactly up to `cap` matches; past it only "more than cap" (`more`) and no money: an exact count of a
 * broad filter evaluates it for every supporter (a second at 100 000), where the page itself reads 51 rows.
 */
export async function supporterTotals(
  db: DbOrSql,
  f: SupporterFilters,
  cap = SUPPORTER_TOTALS_CAP,
): Promise<ListTotals> {
  const unpaged = { ...f, after: undefined };
  const ids = (
    await all(
      sqlOf(db),
      q
        .selectFrom("Supporter as s")
        .where((eb) => supporterConditions(eb, unpaged))
        .select("s.id")
        // The list's own order and plan: matches stream out of the (createdAt, id) index, and the limit stops it.
        .orderBy("s.createdAt", "desc")
        .orderBy("s.id", "desc")
        .limit(cap + 1),
    )
  ).map((r) => r.id);
  if (ids.length > cap) return { count: cap, more: true, currencies: [] };
  if (ids.length === 0) return { count: 0, currencies: [] };
  const gifts = await all(
    sqlOf(db),
    q
      .selectFrom("Payment as x")
      .where((eb) => collectedPaymentSql(eb.ref("x.status")))
      .where("x.supporterId", "in", ids)
      .groupBy("x.currency")
      .orderBy("x.currency")
      .select((eb) => [
        "x.currency",
        eb.fn.countAll<number | string>().as("n"),
        eb.fn.sum<number | string>("x.amount").as("amount"),
        eb.fn.sum<number | string>("x.amountRefunded").as("refunded"),
      ]),
  );
  return {
    count: ids.length,
    currencies: gifts.map((g) => ({
      currency: g.currency,
      payments: Number(g.n),
      collected: Number(g.n),
      amount: Number(g.amount),
      refunded: Number(g.refunded),
    })),
  };
}

/** Every matching supporter, a batch at a time (for the CSV export): memory stays flat at any size. */
export async function* eachSupporter(
  db: DbOrSql,
  f: SupporterFilters,
  batch = 500,
): AsyncGenerator<SupporterRow> {
  let after = f.after;
  for (;;) {
    const { rows, next } = await listSupporters(db, { ...f, after }, batch);
    yield* rows;
    if (!next) return;
    const last = rows.at(-1)!;
    after = { at: last.createdAt, id: last.id };
  }
}

const DISPUTE_ENDS: Record<string, string> = {
  lost: "Dispute lost",
  won: "Dispute won",
  prevented: "Dispute prevented",
  warning_closed: "Inquiry closed",
};

export async function supporterTimeline(db: Db, id: string) {
  const supporter = await db.supporter.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      customers: { select: { id: true } },
      memberships: { orderBy: { startedAt: "desc" }, include: { changes: true } },
      payments: { orderBy: { createdAt: "desc" }, take: 500, include: { disputes: true } },
      remindLaters: { orderBy: { createdAt: "desc" }, take: 100, include: { reminder: true } },
    },
  });
  if (!supporter) return null;
  // `rank` orders what happened at one instant: first seen, then a membership's start, its payment, changes, end.
  type Entry = { at: Date; rank: number; kind: string; text: string; detail?: string };
  const entries: Entry[] = [
    { at: supporter.createdAt, rank: 0, kind: "supporter", text: "First seen" },
  ];
  for (const m of supporter.memberships)
    for (const e of membershipEntries(m, m.changes)) entries.push({ ...e, kind: "membership" });
  for (const p of supporter.payments) {
    const what = p.kind === "ONE_TIME" ? "One-time gift" : "Membership payment";
    const status = PAYMENT_STATUS_LABELS[p.status].toLowerCase();
    entries.push({
      at: p.paidAt ?? p.createdAt,
      rank: 2,
      kind: "payment",
      text: `${what} ${status}`,
      detail: `${p.amount}|${p.currency}`,
    });
    const of = p.kind === "ONE_TIME" ? "a one-time gift" : "a membership payment";
    for (const d of p.disputes) {
      const detail = `${d.amount}|${d.currency}`;
      entries.push({
        at: d.createdAt,
        rank: 3,
        kind: "dispute",
        text: `Dispute opened (${d.reason.replaceAll("_", " ")}) of ${of}`,
        detail,
      });
      const end = DISPUTE_ENDS[d.status];
      if (end && d.closedAt)
        entries.push({
          at: d.closedAt,
          rank: 3,
          kind: "dispute",
          text: `${end} (${d.reason.replaceAll("_", " ")}) of ${of}`,
          detail,
        });
    }
  }
  for (const d of supporter.remindLaters) {
    entries.push({
      at: d.createdAt,
      rank: 3,
      kind: "remind-later",
      text: `Chose “remind me later” on ${d.surface}`,
    });
    if (d.reminder?.sentAt)
      entries.push({
        at: d.reminder.sentAt,
        rank: 3,
        kind: "reminder",
        text: "Reminder email sent",
      });
  }
  // Newest first; at one instant, what happened later first.
  entries.sort((a, b) => b.at.getTime() - a.at.getTime() || b.rank - a.rank);
  return { supporter, entries };
}
