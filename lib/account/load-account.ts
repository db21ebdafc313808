import type { Db } from "../db";

/**
 * What a signed-in reader may see: only rows whose supporterId is their own. Never takes an id from the
 * request; the caller passes the session's supporter id.
 */
export async function loadAccount(db: Db, supporterId: string) {
  const [memberships, payments] = await Promise.all([
    db.membership.findMany({
      where: { supporterId, status: { notIn: ["INCOMPLETE", "INCOMPLETE_EXPIRED"] } },
      orderBy: [{ startedAt: "desc" }],
      select: {
        id: true,
        status: true,
        interval: true,
        amount: true,
        currency: true,
        currentPeriodEnd: true,
        cancelAtPeriodEnd: true,
        startedAt: true,
        endedAt: true,
      },
    }),
    db.payment.findMany({
      where: { supporterId, status: { not: "PENDING" } },
      orderBy: [{ createdAt: "desc" }],
      take: 100,
      select: {
        id: true,
        kind: true,
        status: true,
        amount: true,
        amountRefunded: true,
        currency: true,
        paidAt: true,
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

export type MembershipState = "active" | "cancelling" | "past_due" | "ended" | "paused";

export function membershipState(
  m: Pick<AccountMembership, "status" | "cancelAtPeriodEnd">,
): MembershipState {
  if (m.status === "CANCELED" || m.status === "INCOMPLETE_EXPIRED") return "ended";
  if (m.status === "PAST_DUE" || m.status === "UNPAID") return "past_due";
  if (m.status === "PAUSED") return "paused";
  return m.cancelAtPeriodEnd ? "cancelling" : "active";
}
