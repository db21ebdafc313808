import type { Expression } from "kysely";
import type { PaymentStatus } from "../../generated/prisma/enums";
import { LOST_DISPUTE_STATUS } from "../membership/dispute-status";
import type { RefundStatus } from "../membership/refund-status";
import { inList } from "./sql-list";

/**
 * Money in and out, as the dashboard, the thank-you page, the ask and the supporters list count it.
 *
 * - A collected payment brought money in: SUCCEEDED, and those later refunded in part or in full
 *   (PARTIALLY_REFUNDED, REFUNDED), whose refunds count separately, as money out when they were made. PENDING
 *   (a bank debit not yet settled) and FAILED never brought anything in.
 * - A counted refund took money out, as Stripe's balance counts it: a refund debits the balance when it is
 *   created, pending or not, so pending, requires_action and succeeded refunds count in the period they were
 *   created; failed and canceled ones gave the money back and count nowhere (a refund that fails later drops
 *   out of its period, where Stripe's balance would instead show a reversal on the day it failed).
 * - A lost dispute took money out for good, in the period it was lost (Dispute.lostAt); open and won ones
 *   count nowhere.
 * - Net revenue = collected payments − counted refunds − lost disputes, per currency, each in its own period.
 */
export const COLLECTED_PAYMENT_STATUSES = [
  "SUCCEEDED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
] as const satisfies readonly PaymentStatus[];
export const COUNTED_REFUND_STATUSES = [
  "pending",
  "requires_action",
  "succeeded",
] as const satisfies readonly RefundStatus[];
export { LOST_DISPUTE_STATUS };

export type CollectedPaymentStatus = (typeof COLLECTED_PAYMENT_STATUSES)[number];

export const isCollected = (status: PaymentStatus): status is CollectedPaymentStatus =>
  (COLLECTED_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isCountedRefund = (status: string): boolean =>
  (COUNTED_REFUND_STATUSES as readonly string[]).includes(status);
export const isLostDispute = (status: string): boolean => status === LOST_DISPUTE_STATUS;

// The same rules as SQL (Kysely expressions) over a status column.
export const collectedPaymentSql = (status: Expression<PaymentStatus>) =>
  inList(status, COLLECTED_PAYMENT_STATUSES);
export const countedRefundSql = (status: Expression<string>) =>
  inList(status, COUNTED_REFUND_STATUSES);
export const lostDisputeSql = (status: Expression<string>) => inList(status, [LOST_DISPUTE_STATUS]);
