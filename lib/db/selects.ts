import type { Prisma } from "../db";

/**
 * Columns that more than one view reads of a row, for Prisma `select`s: a view spreads them in and adds its
 * own. (Relations and ids stay with each view.)
 */

/** A membership's terms: status, plan, money and dates, as the reader's account and the webhook tests read them. */
export const MEMBERSHIP_TERMS = {
  status: true,
  interval: true,
  amount: true,
  currency: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  startedAt: true,
  endedAt: true,
} satisfies Prisma.MembershipSelect;

/** A payment's kind, status, money and the day it was paid, as the payments list and the storm harness read it. */
export const PAYMENT_AMOUNTS = {
  kind: true,
  status: true,
  amount: true,
  amountRefunded: true,
  currency: true,
  paidAt: true,
} satisfies Prisma.PaymentSelect;
