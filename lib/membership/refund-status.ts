/** Stripe's refund statuses (API version 2026-10-28.endive). */
export const REFUND_STATUSES = [
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Which of them take money out is a rule of the revenue figures: COUNTED_REFUND_STATUSES, lib/rules/payment-status.ts. */
