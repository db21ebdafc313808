import type { Tx } from "../db";

/**
 * Ties an anonymous browser's key to a person (on payment or sign-in): its deferrals become theirs and so
 * follow them to every device they sign in on. A key already tied to someone else stays with them.
 */
export async function linkReaderKey(tx: Tx, readerKey: string, supporterId: string): Promise<void> {
  const existing = await tx.readerKey.findUnique({ where: { key: readerKey } });
  if (existing && existing.supporterId !== supporterId) return;
  if (!existing) await tx.readerKey.create({ data: { key: readerKey, supporterId } });
  await tx.deferral.updateMany({ where: { readerKey, supporterId: null }, data: { supporterId } });
}
