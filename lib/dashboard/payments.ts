import type { Db, Prisma } from "../db";
import { PAYMENT_AMOUNTS } from "../db/selects";
import type { PaymentStatus } from "../../generated/prisma/enums";
import { isCollected } from "../rules/payment-status";
import { dateRange, encodeCursor, type PaymentFilters } from "./filters";

/** The payments list's status filter: its query-string values and the status each means. */
export const PAYMENT_STATUS_FILTER: Record<NonNullable<PaymentFilters["status"]>, PaymentStatus> = {
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  refunded: "REFUNDED",
  partially_refunded: "PARTIALLY_REFUNDED",
  pending: "PENDING",
};

/** Prisma's `contains` is SQL LIKE and leaves % and _ live: escape them (and the escape) so they mean themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function paymentWhere(f: PaymentFilters): Prisma.PaymentWhereInput {
  const and: Prisma.PaymentWhereInput[] = [];
  if (f.q) {
    const text = likeLiteral(f.q);
    and.push({
      supporter: {
        OR: [
          { email: { contains: text.toLowerCase() } },
          { name: { contains: text, mode: "insensitive" } },
        ],
      },
    });
  }
  if (f.kind) and.push({ kind: f.kind === "once" ? "ONE_TIME" : "RECURRING" });
  if (f.status) and.push({ status: PAYMENT_STATUS_FILTER[f.status] });
  if (f.currency) and.push({ currency: f.currency });
  const range = dateRange(f);
  // By when the money moved (or a payment that never paid was recorded): the date the list shows.
  if (range) and.push({ occurredAt: range });
  // Keyset pagination on (occurredAt, id). The plain bound on occurredAt is what the index range starts from
  // (the OR alone would make PostgreSQL read every row before the cursor again), the OR settles the ties.
  if (f.after) {
    const op = f.sort === "oldest" ? "gt" : "lt";
    and.push({ occurredAt: f.sort === "oldest" ? { gte: f.after.at } : { lte: f.after.at } });
    and.push({
      OR: [
        { occurredAt: { [op]: f.after.at } },
        { occurredAt: f.after.at, id: { [op]: f.after.id } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

const rowSelect = {
  id: true,
  stripeId: true,
  ...PAYMENT_AMOUNTS,
  createdAt: true,
  occurredAt: true,
  failureMessage: true,
  supporter: { select: { id: true, email: true, name: true } },
  membership: { select: { interval: true } },
  disputes: {
    select: {
      stripeDisputeId: true,
      status: true,
      amount: true,
      currency: true,
      reason: true,
      createdAt: true,
      lostAt: true,
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.PaymentSelect;

export type PaymentListRow = Prisma.PaymentGetPayload<{ select: typeof rowSelect }>;

export async function listPayments(
  db: Db,
  f: PaymentFilters,
  pageSize = 50,
): Promise<{ rows: PaymentListRow[]; next: string | null }> {
  const dir = f.sort === "oldest" ? "asc" : "desc";
  const rows = await db.payment.findMany({
    where: paymentWhere(f),
    orderBy: [{ occurredAt: dir }, { id: dir }],
    take: pageSize + 1,
    select: rowSelect,
  });
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page.at(-1);
  return {
    rows: page,
    next: more && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}

export async function* eachPayment(
  db: Db,
  f: PaymentFilters,
  batch = 1000,
): AsyncGenerator<PaymentListRow> {
  let after = f.after;
  for (;;) {
    const { rows, next } = await listPayments(db, { ...f, after }, batch);
    yield* rows;
    if (!next) return;
    const last = rows.at(-1)!;
    after = { at: last.occurredAt, id: last.id };
  }
}

/** Per currency, never added across currencies: the matching payments, and the money the collected ones brought in. */
export type CurrencyTotal = {
  currency: string;
  /** Matching payments in this currency, whatever their status. */
  payments: number;
  /** Collected ones (lib/rules/payment-status.ts) and their amounts, refunds not yet taken off. */
  collected: number;
  amount: number;
  refunded: number;
};
/** `more`: there are more matches than `count`, which is then a lower bound, and `currencies` is left empty. */
export type ListTotals = { count: number; more?: boolean; currencies: CurrencyTotal[] };

/** Without a from-date, up to how many matching payments the list counts and adds up. */
export const PAYMENT_TOTALS_CAP = 10_000;

/**
 * The number of payments matching the filters (every page, not this one) and their totals per currency.
 * With a from-date the range bounds the work (an index-only range scan of the covering occurredAt index);
 * without one, exact up to `cap` matches, past it only "more than cap" (`more`): adding up all history on
 * every visit to the list would cost a scan of the whole table.
 */
export async function paymentTotals(
  db: Db,
  f: PaymentFilters,
  cap = PAYMENT_TOTALS_CAP,
): Promise<ListTotals> {
  const where = paymentWhere({ ...f, after: undefined });
  if (!f.from) {
    const newest = await db.payment.findMany({
      where,
      select: { id: true },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: cap + 1,
    });
    if (newest.length > cap) return { count: cap, more: true, currencies: [] };
  }
  const groups = await db.payment.groupBy({
    by: ["currency", "status"],
    where,
    _count: { _all: true },
    _sum: { amount: true, amountRefunded: true },
    orderBy: [{ currency: "asc" }, { status: "asc" }],
  });
  const byCurrency = new Map<string, CurrencyTotal>();
  for (const g of groups) {
    const t = byCurrency.get(g.currency) ?? {
      currency: g.currency,
      payments: 0,
      collected: 0,
      amount: 0,
      refunded: 0,
    };
    t.payments += g._count._all;
    if (isCollected(g.status)) {
      t.collected += g._count._all;
      t.amount += g._sum.amount ?? 0;
      t.refunded += g._sum.amountRefunded ?? 0;
    }
    byCurrency.set(g.currency, t);
  }
  const currencies = [...byCurrency.values()];
  return { count: currencies.reduce((n, t) => n + t.payments, 0), currencies };
}
