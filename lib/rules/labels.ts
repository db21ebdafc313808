import type { PaymentStatus } from "../../generated/prisma/enums";

/** Words people see for the rules' states: the reader's /account, the staff dashboard and its timeline. */

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  SUCCEEDED: "Paid",
  FAILED: "Failed",
  PENDING: "Pending",
  PARTIALLY_REFUNDED: "Partly refunded",
  REFUNDED: "Refunded",
};

/** A membership as the reader's /account shows it (lib/account/load-account.ts's membershipState). */
export type MembershipState = "active" | "cancelling" | "past_due" | "unpaid" | "paused" | "ended";

export const MEMBERSHIP_STATE_LABELS: Record<MembershipState, string> = {
  active: "Active",
  cancelling: "Cancelled — ends at the end of the period",
  past_due: "Payment failed — please update your card",
  unpaid: "Unpaid — we stopped retrying your payment; please renew",
  paused: "Paused — no payments are being taken; please renew",
  ended: "Ended",
};
