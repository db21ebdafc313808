import type { PrismaClient } from "../../generated/prisma/client";
import { ONE_TIME_GIFT_QUIET_DAYS } from "./config";
import { isLapsedMembership, isLiveMembership } from "../rules/membership-status";
import type { SupporterStatus } from "./should-show-ask";

/**
 * What a known supporter is to the ask, and their latest "remind me later" from any device. Only for readers
 * we know (recognised after paying, or signed in); anonymous readers never reach the database.
 */
export async function knownReaderStatus(
  db: PrismaClient,
  supporterId: string,
  now: Date,
): Promise<{ status: SupporterStatus; remindLaterUntil?: number }> {
  const since = new Date(now.getTime() - ONE_TIME_GIFT_QUIET_DAYS * 86_400_000);
  const supporter = await db.supporter.findUnique({
    where: { id: supporterId },
    select: {
      memberships: { select: { status: true } },
      payments: {
        where: { kind: "ONE_TIME", status: "SUCCEEDED", paidAt: { gte: since } },
        select: { id: true },
        take: 1,
      },
      remindLaters: {
        where: { until: { gt: now } },
        orderBy: { until: "desc" },
        select: { until: true },
        take: 1,
      },
    },
  });
  if (!supporter) return { status: "none" };
  const remindLaterUntil = supporter.remindLaters[0]
    ? Math.floor(supporter.remindLaters[0].until.getTime() / 1000)
    : undefined;
  const live = supporter.memberships.some((m) => isLiveMembership(m.status));
  const status: SupporterStatus = live
    ? "member"
    : supporter.payments.length > 0
      ? "recent-donor"
      : supporter.memberships.some((m) => isLapsedMembership(m.status))
        ? "lapsed"
        : "none";
  return { status, remindLaterUntil };
}
