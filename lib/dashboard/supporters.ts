import type { Db, Prisma } from "../db";
import { dateRange, encodeCursor, type SupporterFilters } from "./filters";

const LIVE: Prisma.EnumMembershipStatusFilter<"Membership"> = { notIn: ["INCOMPLETE", "INCOMPLETE_EXPIRED", "CANCELED"] };
const EVER_ACTIVE: Prisma.EnumMembershipStatusFilter<"Membership"> = { notIn: ["INCOMPLETE", "INCOMPLETE_EXPIRED"] };
const COLLECTED: Prisma.EnumPaymentStatusFilter<"Payment"> = { in: ["SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED"] };

export function supporterWhere(f: SupporterFilters): Prisma.SupporterWhereInput {
  const and: Prisma.SupporterWhereInput[] = [];
  if (f.q) and.push({ OR: [{ email: { contains: f.q.toLowerCase() } }, { name: { contains: f.q, mode: "insensitive" } }] });
  if (f.frequency === "once") and.push({ payments: { some: { kind: "ONE_TIME", status: COLLECTED } } });
  if (f.frequency === "monthly") and.push({ memberships: { some: { interval: "MONTH", status: EVER_ACTIVE } } });
  if (f.frequency === "annual") and.push({ memberships: { some: { interval: "YEAR", status: EVER_ACTIVE } } });
  if (f.status === "active") and.push({ memberships: { some: { status: LIVE, cancelAtPeriodEnd: false } } });
  if (f.status === "cancelling") and.push({ memberships: { some: { status: LIVE, cancelAtPeriodEnd: true } } });
  if (f.status === "ended") and.push({ memberships: { some: { status: "CANCELED" }, none: { status: LIVE } } });
  if (f.status === "none") and.push({ memberships: { none: { status: EVER_ACTIVE } } });
  if (f.currency) and.push({ OR: [{ payments: { some: { currency: f.currency } } }, { memberships: { some: { currency: f.currency } } }] });
  const range = dateRange(f);
  if (range) and.push({ createdAt: range });
  return and.length ? { AND: and } : {};
}

/** Keyset pagination on (createdAt, id): page N costs what page 1 costs, at any table size. */
function keyset(f: SupporterFilters): Prisma.SupporterWhereInput {
  if (!f.after) return {};
  const older = f.sort !== "oldest";
  const op = older ? "lt" : "gt";
  return { OR: [{ createdAt: { [op]: f.after.at } }, { createdAt: f.after.at, id: { [op]: f.after.id } }] };
}

const rowSelect = { id: true, email: true, name: true, role: true, createdAt: true } satisfies Prisma.SupporterSelect;
type MembershipSummary = Prisma.MembershipGetPayload<{ select: { status: true; interval: true; amount: true; currency: true; cancelAtPeriodEnd: true } }>;

export type SupporterRow = Prisma.SupporterGetPayload<{ select: typeof rowSelect }> & {
  /** The latest membership that ever started (at most one). */
  memberships: MembershipSummary[];
  _count: { payments: number };
};

export async function listSupporters(db: Db, f: SupporterFilters, pageSize = 50): Promise<{ rows: SupporterRow[]; next: string | null }> {
  const dir = f.sort === "oldest" ? "asc" : "desc";
  const rows = await db.supporter.findMany({
    where: { AND: [supporterWhere(f), keyset(f)] },
    orderBy: [{ createdAt: dir }, { id: dir }],
    take: pageSize + 1,
    select: rowSelect,
  });
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const ids = page.map((s) => s.id);
  // Each row's latest membership and gift count, for this page's supporters only, in one statement: a `_count`
  // in the select above made Prisma group every payment in the table (a million rows) before picking the page.
  const details = ids.length
    ? await db.$queryRaw<Array<{ id: string; payments: bigint | number } & ({ status: null } | MembershipSummary)>>`
        SELECT s.id, m.status::text AS status, m."interval"::text AS "interval", m.amount, m.currency, m."cancelAtPeriodEnd",
               (SELECT count(*) FROM "Payment" p WHERE p."supporterId" = s.id AND p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')) AS payments
          FROM unnest(${ids}::text[]) AS s(id)
          LEFT JOIN LATERAL (SELECT status, "interval", amount, currency, "cancelAtPeriodEnd" FROM "Membership" x
                              WHERE x."supporterId" = s.id AND x.status NOT IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED')
                              ORDER BY x."startedAt" DESC LIMIT 1) AS m ON true`
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    rows: page.map((s) => {
      const d = byId.get(s.id);
      const memberships: MembershipSummary[] = d?.status ? [{ status: d.status, interval: d.interval, amount: d.amount, currency: d.currency, cancelAtPeriodEnd: d.cancelAtPeriodEnd }] : [];
      return { ...s, memberships, _count: { payments: Number(d?.payments ?? 0) } };
    }),
    next: more ? encodeCursor(page.at(-1)!) : null,
  };
}

/** Every matching supporter, a batch at a time (for the CSV export): memory stays flat at any size. */
export async function* eachSupporter(db: Db, f: SupporterFilters, batch = 500): AsyncGenerator<SupporterRow> {
  let after = f.after;
  for (;;) {
    const { rows, next } = await listSupporters(db, { ...f, after }, batch);
    yield* rows;
    if (!next) return;
    const last = rows.at(-1)!;
    after = { at: last.createdAt, id: last.id };
  }
}

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
      payments: { orderBy: { createdAt: "desc" }, take: 500 },
      deferrals: { orderBy: { createdAt: "desc" }, take: 100, include: { reminder: true } },
    },
  });
  if (!supporter) return null;
  type Entry = { at: Date; kind: string; text: string; detail?: string };
  const entries: Entry[] = [{ at: supporter.createdAt, kind: "supporter", text: "First seen" }];
  for (const m of supporter.memberships) {
    const plan = `${m.interval === "MONTH" ? "Monthly" : "Annual"} membership`;
    entries.push({ at: m.startedAt, kind: "membership", text: `${plan} started`, detail: `${m.amount}|${m.currency}` });
    if (m.cancelAtPeriodEnd && !m.endedAt) entries.push({ at: m.stateAt, kind: "membership", text: `${plan} set to cancel at period end` });
    if (m.endedAt) entries.push({ at: m.endedAt, kind: "membership", text: `${plan} ended (${m.status.toLowerCase().replace("_", " ")})` });
  }
  for (const p of supporter.payments) {
    const what = p.kind === "ONE_TIME" ? "One-time gift" : "Membership payment";
    const status = { SUCCEEDED: "paid", FAILED: "failed", PENDING: "pending", PARTIALLY_REFUNDED: "partly refunded", REFUNDED: "refunded" }[p.status];
    entries.push({ at: p.paidAt ?? p.createdAt, kind: "payment", text: `${what} ${status}`, detail: `${p.amount}|${p.currency}` });
  }
  for (const d of supporter.deferrals) {
    entries.push({ at: d.createdAt, kind: "deferral", text: `Chose “remind me later” on ${d.surface}` });
    if (d.reminder?.sentAt) entries.push({ at: d.reminder.sentAt, kind: "reminder", text: "Reminder email sent" });
  }
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { supporter, entries };
}
