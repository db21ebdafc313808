import type { Tx } from "../db";

export type SupporterIdentity = { customerId?: string | null; email?: string | null; name?: string | null };

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
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
  const customer = identity.customerId
    ? await tx.stripeCustomer.findUnique({ where: { id: identity.customerId }, include: { supporter: true } })
    : null;

  if (customer) {
    const known = customer.supporter;
    if (email && !known.email) {
      const other = await tx.supporter.findUnique({ where: { email } });
      if (other) {
        await mergeSupporterInto(tx, known.id, other.id);
        return other.id;
      }
      await tx.supporter.update({ where: { id: known.id }, data: { email, name: known.name ?? name } });
    } else if (name && !known.name) {
      await tx.supporter.update({ where: { id: known.id }, data: { name } });
    }
    return known.id;
  }

  const supporter = email
    ? await tx.supporter.upsert({ where: { email }, create: { email, name }, update: {} })
    : await tx.supporter.create({ data: { name } });
  if (name && !supporter.name) await tx.supporter.update({ where: { id: supporter.id }, data: { name } });
  if (identity.customerId) {
    await tx.stripeCustomer.create({ data: { id: identity.customerId, supporterId: supporter.id, email } });
  }
  return supporter.id;
}
