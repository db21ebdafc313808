import type { Db } from "../db";
import type { MembershipState } from "../rules/labels";
import { MEMBERSHIP_TERMS, PAYMENT_AMOUNTS } from "../db/selects";
import { EVER_ACTIVE_MEMBERSHIP_STATUSES, isLiveMembership } from "../rules/membership-status";

export type { MembershipState };

/**
 * What a signed-in reader may see: only rows whose supporterId is their own. Never takes an id from the
 * request; the caller passes the session's supporter id.
 */
export async function loadAccount(db: Db, supporterId: string) {
  const [memberships, payments] = await Promise.all([
    db.membership.findMany({
      where: { supporterId, status: { in: [...EVER_ACTIVE_MEMBERSHIP_STATUSES] } },
      orderBy: [{ startedAt: "desc" }],
      select: { id: true, ...MEMBERSHIP_TERMS },
    }),
    db.payment.findMany({
      where: { supporterId, status: { not: "PENDING" } },
      orderBy: [{ createdAt: "desc" }],
      take: 100,
      select: {
        id: true,
        ...PAYMENT_AMOUNTS,
        createdAt: true,
        receiptUrl: true,
        membership: { select: { interval: true } },
      },
    }),
  ]);
  return { memberships, payments };
}

export type AccountView = Awaited<ReturnType<typeof loadAccount>>;
export type AccountMembership = AccountView["memberships"][number];

/**
 * A membership as the reader sees it (lib/rules/membership-status.ts): live ones are active, cancelling (live
 * until the period ends) or past due (Stripe still retrying); lapsed ones are unpaid (Stripe stopped retrying),
 * paused or ended.
 */
export function membershipState(
  m: Pick<AccountMembership, "status" | "cancelAtPeriodEnd">,
): MembershipState {
  if (isLiveMembership(m.status)) {
    if (m.status === "PAST_DUE") return "past_due";
    return m.cancelAtPeriodEnd ? "cancelling" : "active";
  }
  if (m.status === "UNPAID") return "unpaid";
  if (m.status === "PAUSED") return "paused";
  return "ended";
}
