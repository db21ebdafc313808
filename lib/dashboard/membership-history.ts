import type { BillingInterval, MembershipStatus } from "../../generated/prisma/enums";
import { formatMoney } from "../ask/amounts";
import { isLiveMembership } from "../rules/membership-status";
import type { MembershipChangeState } from "../membership/memberships";

export type { MembershipChangeState };

export type MembershipFacts = {
  startedAt: Date;
  endedAt: Date | null;
} & Omit<MembershipChangeState, "at">;

/** A timeline entry; `rank` orders entries of the same instant (what happened first comes first). */
export type HistoryEntry = { at: Date; rank: number; text: string; detail?: string };

const PLAN: Record<BillingInterval, string> = { MONTH: "Monthly", YEAR: "Annual" };
const PER: Record<BillingInterval, string> = { MONTH: "per month", YEAR: "per year" };

const STATUS_CHANGES: Partial<Record<MembershipStatus, string>> = {
  PAST_DUE: "payment past due",
  UNPAID: "unpaid: payments stopped",
  PAUSED: "paused",
};

const price = (s: Pick<MembershipChangeState, "amount" | "currency" | "interval">) =>
  `${formatMoney(s.amount, s.currency)} ${PER[s.interval]}`;

/**
 * The membership's timeline from its history, as it happened: it started at the amount then in force, each
 * change of amount or interval, of payment status and of a cancellation set or withdrawn, and its end. A
 * subscription that never started (its first payment never went through) is said so, not "started".
 */
export function membershipEntries(
  m: MembershipFacts,
  history: MembershipChangeState[],
): HistoryEntry[] {
  const states = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (states.length === 0) states.push({ ...m, at: m.startedAt });
  const first = states.findIndex((s) => isLiveMembership(s.status));
  if (first === -1) {
    const last = states.at(-1)!;
    return [
      {
        at: m.startedAt,
        rank: 1,
        text: `${PLAN[last.interval]} membership not started: the first payment did not go through`,
        detail: `${last.amount}|${last.currency}`,
      },
    ];
  }
  const started = states[first]!;
  const entries: HistoryEntry[] = [
    {
      at: m.startedAt,
      rank: 1,
      text: `${PLAN[started.interval]} membership started`,
      detail: `${started.amount}|${started.currency}`,
    },
  ];
  let prev = started;
  for (const s of states.slice(first + 1)) {
    const plan = `${PLAN[s.interval]} membership`;
    if (s.amount !== prev.amount || s.currency !== prev.currency || s.interval !== prev.interval)
      entries.push({
        at: s.at,
        rank: 3,
        text: `${plan}: changed to ${price(s)} (was ${price(prev)})`,
        detail: `${s.amount}|${s.currency}`,
      });
    if (s.status !== prev.status && s.status !== "CANCELED") {
      const change = STATUS_CHANGES[s.status];
      if (change) entries.push({ at: s.at, rank: 3, text: `${plan} ${change}` });
      else if (isLiveMembership(s.status) && !isLiveMembership(prev.status))
        entries.push({ at: s.at, rank: 3, text: `${plan} active again` });
      else if (s.status === "ACTIVE" && prev.status === "PAST_DUE")
        entries.push({ at: s.at, rank: 3, text: `${plan}: payment recovered` });
    }
    if (s.cancelAtPeriodEnd !== prev.cancelAtPeriodEnd && s.status !== "CANCELED")
      entries.push({
        at: s.at,
        rank: 3,
        text: s.cancelAtPeriodEnd
          ? `${plan} set to cancel at period end`
          : `${plan}: cancellation withdrawn`,
      });
    prev = s;
  }
  if (m.endedAt)
    entries.push({
      at: m.endedAt,
      rank: 4,
      text: `${PLAN[m.interval]} membership ended (${m.status.toLowerCase().replace("_", " ")})`,
    });
  return entries;
}
