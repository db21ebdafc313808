import { Prisma, type Db } from "../db";
import { dateRange, encodeCursor, type SupporterFilters } from "./filters";

// Membership and payment states, as SQL (constants of ours, never input).
const LIVE = Prisma.sql`status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED', 'CANCELED')`;
const EVER_ACTIVE = Prisma.sql`status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED')`;
const COLLECTED = Prisma.sql`status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')`;

const membershipWhere = (condition: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Membership" x WHERE x."supporterId" = s.id AND ${condition})`;
const paymentWhere = (condition: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Payment" x WHERE x."supporterId" = s.id AND ${condition})`;

/** The filters as SQL conditions on `s` (the Supporter row); every value is a bound parameter. */
export function supporterConditions(f: SupporterFilters): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  // strpos, not LIKE: a search for "50%" or "a_b" means those characters.
  if (f.q)
    and.push(
      Prisma.sql`(strpos(s.email, ${f.q.toLowerCase()}) > 0 OR strpos(lower(s.name), ${f.q.toLowerCase()}) > 0)`,
    );
  if (f.frequency === "once")
    and.push(paymentWhere(Prisma.sql`x.kind = 'ONE_TIME' AND x.${COLLECTED}`));
  if (f.frequency === "monthly")
    and.push(membershipWhere(Prisma.sql`x."interval" = 'MONTH' AND x.${EVER_ACTIVE}`));
  if (f.frequency === "annual")
    and.push(membershipWhere(Prisma.sql`x."interval" = 'YEAR' AND x.${EVER_ACTIVE}`));
  if (f.status === "active")
    and.push(membershipWhere(Prisma.sql`x.${LIVE} AND NOT x."cancelAtPeriodEnd"`));
  if (f.status === "cancelling")
    and.push(membershipWhere(Prisma.sql`x.${LIVE} AND x."cancelAtPeriodEnd"`));
  if (f.status === "ended")
    and.push(
      Prisma.sql`${membershipWhere(Prisma.sql`x.status = 'CANCELED'`)} AND NOT ${membershipWhere(Prisma.sql`x.${LIVE}`)}`,
    );
  if (f.status === "none")
    and.push(Prisma.sql`NOT ${membershipWhere(Prisma.sql`x.${EVER_ACTIVE}`)}`);
  if (f.currency)
    and.push(
      Prisma.sql`(${paymentWhere(Prisma.sql`x.currency = ${f.currency}`)} OR ${membershipWhere(Prisma.sql`x.currency = ${f.currency}`)})`,
    );
  const range = dateRange(f);
  if (range?.gte) and.push(Prisma.sql`s."createdAt" >= ${range.gte}`);
  if (range?.lt) and.push(Prisma.sql`s."createdAt" < ${range.lt}`);
  // Keyset pagination on (createdAt, id): page N costs what page 1 costs, at any table size.
  if (f.after)
    and.push(
      f.sort === "oldest"
        ? Prisma.sql`(s."createdAt", s.id) > (${f.after.at}, ${f.after.id})`
        : Prisma.sql`(s."createdAt", s.id) < (${f.after.at}, ${f.after.id})`,
    );
  return and;
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

type RawRow = Omit<SupporterRow, "memberships" | "_count"> & { payments: bigint | number } & (
    { status: null } | MembershipSummary
  );

/**
 * One page of supporters, each with its latest membership and collected-gift count, in one statement: the
 * filter and the page, then per row one membership and one count through its indexes (a Prisma `_count` made
 * PostgreSQL group every payment in the table before picking the page).
 */
export async function listSupporters(
  db: Db,
  f: SupporterFilters,
  pageSize = 50,
): Promise<{ rows: SupporterRow[]; next: string | null }> {
  const conditions = supporterConditions(f);
  const where = conditions.length
    ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`
    : Prisma.empty;
  const order = f.sort === "oldest" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const raw = await db.$queryRaw<RawRow[]>`
    SELECT s.id, s.email, s.name, s.role::text AS role, s."createdAt",
           m.status::text AS status, m."interval"::text AS "interval", m.amount, m.currency, m."cancelAtPeriodEnd",
           (SELECT count(*) FROM "Payment" x WHERE x."supporterId" = s.id AND x.${COLLECTED}) AS payments
      FROM "Supporter" s
      LEFT JOIN LATERAL (SELECT status, "interval", amount, currency, "cancelAtPeriodEnd" FROM "Membership" x
                          WHERE x."supporterId" = s.id AND x.${EVER_ACTIVE}
                          ORDER BY x."startedAt" DESC LIMIT 1) AS m ON true
      ${where}
     ORDER BY s."createdAt" ${order}, s.id ${order}
     LIMIT ${pageSize + 1}`;
  const more = raw.length > pageSize;
  const page = more ? raw.slice(0, pageSize) : raw;
  return {
    rows: page.map(({ id, email, name, role, createdAt, payments, ...m }) => ({
      id,
      email,
      name,
      role,
      createdAt,
      memberships: m.status
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
    next: more ? encodeCursor(page.at(-1)!) : null,
  };
}

/** Every matching supporter, a batch at a time (for the CSV export): memory stays flat at any size. */
export async function* eachSupporter(
  db: Db,
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
      memberships: { orderBy: { startedAt: "desc" } },
      payments: { orderBy: { createdAt: "desc" }, take: 500, include: { disputes: true } },
      remindLaters: { orderBy: { createdAt: "desc" }, take: 100, include: { reminder: true } },
    },
  });
  if (!supporter) return null;
  type Entry = { at: Date; kind: string; text: string; detail?: string };
  const entries: Entry[] = [{ at: supporter.createdAt, kind: "supporter", text: "First seen" }];
  for (const m of supporter.memberships) {
    const plan = `${m.interval === "MONTH" ? "Monthly" : "Annual"} membership`;
    entries.push({
      at: m.startedAt,
      kind: "membership",
      text: `${plan} started`,
      detail: `${m.amount}|${m.currency}`,
    });
    if (m.cancelAtPeriodEnd && !m.endedAt)
      entries.push({
        at: m.stateAt,
        kind: "membership",
        text: `${plan} set to cancel at period end`,
      });
    if (m.endedAt)
      entries.push({
        at: m.endedAt,
        kind: "membership",
        text: `${plan} ended (${m.status.toLowerCase().replace("_", " ")})`,
      });
  }
  for (const p of supporter.payments) {
    const what = p.kind === "ONE_TIME" ? "One-time gift" : "Membership payment";
    const status = {
      SUCCEEDED: "paid",
      FAILED: "failed",
      PENDING: "pending",
      PARTIALLY_REFUNDED: "partly refunded",
      REFUNDED: "refunded",
    }[p.status];
    entries.push({
      at: p.paidAt ?? p.createdAt,
      kind: "payment",
      text: `${what} ${status}`,
      detail: `${p.amount}|${p.currency}`,
    });
    const of = p.kind === "ONE_TIME" ? "a one-time gift" : "a membership payment";
    for (const d of p.disputes) {
      const detail = `${d.amount}|${d.currency}`;
      entries.push({
        at: d.createdAt,
        kind: "dispute",
        text: `Dispute opened (${d.reason.replaceAll("_", " ")}) of ${of}`,
        detail,
      });
      const end = DISPUTE_ENDS[d.status];
      if (end && d.closedAt)
        entries.push({
          at: d.closedAt,
          kind: "dispute",
          text: `${end} (${d.reason.replaceAll("_", " ")}) of ${of}`,
          detail,
        });
    }
  }
  for (const d of supporter.remindLaters) {
    entries.push({
      at: d.createdAt,
      kind: "remind-later",
      text: `Chose “remind me later” on ${d.surface}`,
    });
    if (d.reminder?.sentAt)
      entries.push({ at: d.reminder.sentAt, kind: "reminder", text: "Reminder email sent" });
  }
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { supporter, entries };
}
