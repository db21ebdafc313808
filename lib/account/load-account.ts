import type { Db } from "../db";
import type { MembershipState } from "../rules/labels";
import { sqlOf } from "../db/executor";
import { prepare } from "../db/prepared";
import { q } from "../db/query";
import { MEMBERSHIP_TERMS } from "../db/selects";
import { isCollected } from "../rules/payment-status";
import { EVER_ACTIVE_MEMBERSHIP_STATUSES, isLiveMembership } from "../rules/membership-status";

export type { MembershipState };

/**
 * What a signed-in reader may see: only rows whose supporterId is their own. Never takes an id from the
 * request; the caller passes the session's supporter id.
 */
export async function loadAccount(db: Db, supporterId: string) {
  const [memberships, gifts] = await Promise.all([
    db.membership.findMany({
      where: { supporterId, status: { in: [...EVER_ACTIVE_MEMBERSHIP_STATUSES] } },
      orderBy: [{ startedAt: "desc" }],
      select: { id: true, ...MEMBERSHIP_TERMS },
    }),
    GIFTS.all(sqlOf(db), { supporterId }),
  ]);
  const payments = gifts.map(({ interval, receiptUrl, ...p }) => ({
    ...p,
    // A receipt is for money received: Stripe keeps a receipt page for a failed charge too.
    receiptUrl: isCollected(p.status) ? receiptUrl : null,
    membership: interval ? { interval } : null,
  }));
  return { memberships, payments };
}

// Newest first by the date the page shows: when the money moved, or for a failed payment when it failed.
const GIFTS = prepare((p: { supporterId: string }) =>
  q
    .selectFrom("Payment as p")
    .leftJoin("Membership as m", "m.id", "p.membershipId")
    .select([
      "p.id",
      "p.kind",
      "p.status",
      "p.amount",
      "p.amountRefunded",
      "p.currency",
      "p.paidAt",
      "p.createdAt",
      "p.receiptUrl",
      "m.interval",
    ])
    .where("p.supporterId", "=", p.supporterId)
    .where("p.status", "<>", "PENDING")
    .orderBy((eb) => eb.fn.coalesce("p.paidAt", "p.createdAt"), "desc")
    .orderBy("p.id", "desc")
    .limit(100),
);

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
