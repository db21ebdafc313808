import type { Tx } from "../db";

export type SupporterIdentity = { customerId?: string | null; email?: string | null; name?: string | null };

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/**
 * The supporter behind a known Stripe customer, locked until commit (null for a customer we do not know).
 * Every event locks its supporter before writing rows that point at it, so a merge (which deletes the merged
 * supporter) waits for every transaction still writing such rows, and they for it. Without this, a payment
 * committed between a merge's moves and its delete was removed by the delete's cascade, its event already in
 * the ledger: lost for good. FOR UPDATE (not a weaker mode) because setting the email changes a unique column,
 * which needs it anyway: two transactions upgrading a weaker lock on one supporter deadlocked.
 * If the supporter is merged away while we wait for the lock, no row comes back and the customer looks unknown:
 * creating it again then fails on its unique id, and the event is retried from the start (see process-event).
 */
async function lockCustomersSupporter(tx: Tx, customerId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string; email: string | null; name: string | null }>>`
    SELECT s."id", s."email", s."name" FROM "StripeCustomer" c JOIN "Supporter" s ON s."id" = c."supporterId"
    WHERE c."id" = ${customerId} FOR UPDATE OF s`;
  return rows[0] ?? null;
}

/** Moves everything of one supporter to another (the same person, first seen without an email). */
async function mergeSupporterInto(tx: Tx, fromId: string, intoId: string): Promise<void> {
  const where = { supporterId: fromId };
  const data = { supporterId: intoId };
  await tx.stripeCustomer.updateMany({ where, data });
  await tx.membership.updateMany({ where, data });
  await tx.payment.updateMany({ where, data });
  await tx.checkoutAttempt.updateMany({ where, data });
  await tx.readerKey.updateMany({ where, data });
  await tx.deferral.updateMany({ where, data });
  await tx.supporter.delete({ where: { id: fromId } });
}

/**
 * Finds or creates the supporter behind a Stripe customer and/or email. A person may be several Stripe
 * customers (Checkout makes one per gift); the email ties them together.
 */
export async function resolveSupporter(tx: Tx, identity: SupporterIdentity): Promise<string> {
  const email = normaliseEmail(identity.email);
  const name = identity.name?.trim() || null;
  // Read with the lock: what a concurrent transaction committed before we got it (an email) must be seen.
  const known = identity.customerId ? await lockCustomersSupporter(tx, identity.customerId) : null;

  if (known) {
    if (email && !known.email) {
      const other = await tx.supporter.findUnique({ where: { email } });
      if (other && other.id !== known.id) {
        await mergeSupporterInto(tx, known.id, other.id);
        return other.id;
      }
      await tx.supporter.update({ where: { id: known.id }, data: { email, name: known.name ?? name } });
    } else if (name && !known.name) {
      await tx.supporter.update({ where: { id: known.id }, data: { name } });
    }
    return known.id;
  }

  // Not Prisma's upsert, which takes three statements here; two creating the same email at once collide on the
  // unique email and the event is retried from the start (see process-event).
  const existing = email ? await tx.supporter.findUnique({ where: { email }, select: { id: true, name: true } }) : null;
  if (existing && name && !existing.name) await tx.supporter.update({ where: { id: existing.id }, data: { name } });
  const supporterId = existing?.id ?? (await tx.supporter.create({ data: { email, name }, select: { id: true } })).id;
  if (identity.customerId) {
    await tx.stripeCustomer.create({ data: { id: identity.customerId, supporterId, email } });
  }
  return supporterId;
}
