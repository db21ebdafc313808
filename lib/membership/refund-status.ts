/** Stripe's refund statuses (API version 2026-10-28.endive). */
export const REFUND_STATUSES = [
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Refunds that take money out, as Stripe's balance counts them: a refund debits the balance when it is created,
 * pending or not; a failed or canceled one gives the money back. So pending, requires_action and succeeded
 * refunds count, in the period they were created; failed and canceled ones count nowhere (a refund that fails
 * later drops out of its period, where Stripe's balance would instead show a reversal on the day it failed).
 * The dashboard's SQL spells the same list out: keep them in step.
 */
export const COUNTED_REFUND_STATUSES: readonly RefundStatus[] = [
  "pending",
  "requires_action",
  "succeeded",
];
