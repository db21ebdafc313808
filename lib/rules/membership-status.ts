import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { MembershipStatus } from "../../generated/prisma/enums";
import { inList } from "./sql-list";

/**
 * What a membership is, from its Stripe subscription status. Every status is in exactly one of three groups
 * (checked below at compile time), and the ask, /account, the dashboard's lists and its overview all read them
 * from here:
 *
 * - live: Stripe is collecting, or still retrying a failed payment. TRIALING, ACTIVE, and PAST_DUE (a renewal
 *   failed and Stripe's retries are still running: most recover, and the reader still has the membership).
 * - lapsed: was a member and is not now. CANCELED; UNPAID (Stripe's retries ran out and it stopped trying: the
 *   subscription still exists but nothing is collected, so it is no member and no recurring revenue, and the
 *   reader is asked to renew); PAUSED (Stripe's "paused" status: a trial ended without a payment method, so
 *   no invoices are made until the reader adds one; not collected, so not live, and likewise asked to renew).
 * - never active: INCOMPLETE and INCOMPLETE_EXPIRED (the first payment never succeeded): never a member.
 */
export const LIVE_MEMBERSHIP_STATUSES = [
  "TRIALING",
  "ACTIVE",
  "PAST_DUE",
] as const satisfies readonly MembershipStatus[];
export const LAPSED_MEMBERSHIP_STATUSES = [
  "UNPAID",
  "PAUSED",
  "CANCELED",
] as const satisfies readonly MembershipStatus[];
export const NEVER_ACTIVE_MEMBERSHIP_STATUSES = [
  "INCOMPLETE",
  "INCOMPLETE_EXPIRED",
] as const satisfies readonly MembershipStatus[];
/** Live or lapsed: a membership that was ever a member. */
export const EVER_ACTIVE_MEMBERSHIP_STATUSES = [
  ...LIVE_MEMBERSHIP_STATUSES,
  ...LAPSED_MEMBERSHIP_STATUSES,
] as const;

export type LiveMembershipStatus = (typeof LIVE_MEMBERSHIP_STATUSES)[number];
export type LapsedMembershipStatus = (typeof LAPSED_MEMBERSHIP_STATUSES)[number];

// A status Prisma's enum gains must be put in one of the groups: this line stops compiling until it is.
type Unsorted = Exclude<
  MembershipStatus,
  LiveMembershipStatus | LapsedMembershipStatus | (typeof NEVER_ACTIVE_MEMBERSHIP_STATUSES)[number]
>;
const everyStatusSorted: [Unsorted] extends [never] ? true : Unsorted = true;
void everyStatusSorted;

const includes = (list: readonly string[], status: string) => list.includes(status);

export const isLiveMembership = (status: MembershipStatus): status is LiveMembershipStatus =>
  includes(LIVE_MEMBERSHIP_STATUSES, status);
export const isLapsedMembership = (status: MembershipStatus): status is LapsedMembershipStatus =>
  includes(LAPSED_MEMBERSHIP_STATUSES, status);
export const wasEverActive = (status: MembershipStatus): boolean =>
  includes(EVER_ACTIVE_MEMBERSHIP_STATUSES, status);

type Dated = { status: MembershipStatus; endedAt: Date | null; stateAt: Date };

/**
 * When a membership stopped being a member: when it ended (Stripe's ended_at), or for a lapsed one Stripe has
 * not ended (UNPAID, PAUSED), when we recorded its current state (stateAt: the Stripe event that made it so, or
 * a later one); null while it is live.
 */
export function membershipEnd(m: Dated): Date | null {
  return m.endedAt ?? (isLapsedMembership(m.status) ? m.stateAt : null);
}

/**
 * A member at `at`: ever active, started, and not yet ended or lapsed. A cancellation at period end stays live
 * (and counts) until the period ends.
 */
export function isMemberAt(m: Dated & { startedAt: Date }, at: Date): boolean {
  if (!wasEverActive(m.status)) return false;
  const end = membershipEnd(m);
  return m.startedAt <= at && (end === null || end > at);
}

// The same rules as SQL (Kysely expressions), over the columns of the statement's Membership row.

export const liveMembershipSql = (status: Expression<MembershipStatus>) =>
  inList(status, LIVE_MEMBERSHIP_STATUSES);
export const lapsedMembershipSql = (status: Expression<MembershipStatus>) =>
  inList(status, LAPSED_MEMBERSHIP_STATUSES);
export const everActiveMembershipSql = (status: Expression<MembershipStatus>) =>
  inList(status, EVER_ACTIVE_MEMBERSHIP_STATUSES);

export type MembershipColumns = {
  status: Expression<MembershipStatus>;
  endedAt: Expression<Date | null>;
  stateAt: Expression<Date>;
};

/** membershipEnd as SQL. */
export function membershipEndSql(m: MembershipColumns): RawBuilder<Date | null> {
  return sql<Date | null>`COALESCE(${m.endedAt}, CASE WHEN ${lapsedMembershipSql(m.status)} THEN ${m.stateAt} END)`;
}

/**
 * membershipEnd in [start, end), as SQL written so that PostgreSQL can range-scan the endedAt index (and the
 * few lapsed memberships without an end through the status index) rather than evaluate the COALESCE per row.
 */
export function membershipEndedWithinSql(
  m: MembershipColumns,
  start: Expression<Date> | Date,
  end: Expression<Date> | Date,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`((${m.endedAt} >= ${start} AND ${m.endedAt} < ${end})
    OR (${m.endedAt} IS NULL AND ${lapsedMembershipSql(m.status)} AND ${m.stateAt} >= ${start} AND ${m.stateAt} < ${end}))`;
}
