import { sql, type Expression, type RawBuilder } from "kysely";

/**
 * Stripe's dispute statuses (API version 2026-10-28.endive) and the order they move in. An inquiry (warning_*)
 * can become a chargeback (needs_response), a chargeback goes under review and may be appealed, and every dispute
 * ends won, lost, prevented or (an inquiry) warning_closed. A status never moves back down this rank, so a late
 * event cannot reopen a closed dispute; within a rank the later event wins (see lib/membership/disputes.ts).
 */
export const DISPUTE_RANK = {
  warning_needs_response: 0,
  warning_under_review: 1,
  needs_response: 2,
  under_review: 3,
  appeal_needs_response: 4,
  appeal_under_review: 5,
  warning_closed: 6,
  prevented: 6,
  won: 6,
  lost: 6,
} as const;
export type DisputeStatus = keyof typeof DISPUTE_RANK;

/** Closed one way or the other: nothing more will happen to it. */
export const CLOSED_DISPUTE_STATUSES: readonly DisputeStatus[] = [
  "warning_closed",
  "prevented",
  "won",
  "lost",
];

/**
 * A lost dispute is money out: the cardholder's bank took the amount back for good. It counts in the period it
 * was lost (Dispute.lostAt); a dispute won or still open counts nowhere (lib/rules/payment-status.ts).
 */
export const LOST_DISPUTE_STATUS = "lost" satisfies DisputeStatus;

/** A status Stripe adds later than this code ranks lowest: it never overrides a known one. */
export function disputeRank(status: string): number {
  return (DISPUTE_RANK as Record<string, number>)[status] ?? -1;
}

const RANK_CASES = sql.raw(
  Object.entries(DISPUTE_RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(" "),
);

/** The rank as a SQL expression over a status column (or any text expression), from the same table. */
export function disputeRankOf(status: Expression<string>): RawBuilder<number> {
  return sql<number>`(CASE ${status} ${RANK_CASES} ELSE -1 END)`;
}

export const isClosedDispute = (status: string) =>
  (CLOSED_DISPUTE_STATUSES as readonly string[]).includes(status);
