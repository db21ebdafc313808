import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { exec, q } from "../db/query";
import { prismaSql } from "../db/sql";

/**
 * A reminder email goes only to an address that asked for it: the signed-in reader's own (verified) address,
 * or one whose owner clicked the link in a confirmation mail. Each address has at most one pending (confirmed,
 * unsent) reminder: confirming a newer request replaces the older one, so a stranger's request cannot cancel
 * the owner's; an unconfirmed request replaces the address's earlier unconfirmed one and expires unconfirmed.
 */
export const CONFIRM_WITHIN_MS = 48 * 60 * 60 * 1000;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type Client = PrismaClient | Tx;

/** The link's token (mailed) and what we keep of it (its SHA-256: a database read alone confirms nothing). */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashConfirmToken(token) };
}

export function hashConfirmToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** The signed-in reader's own address, when they proved it (a sign-in link or a provider that verifies it). */
export async function verifiedEmailOf(
  db: Client,
  supporterId: string | null | undefined,
): Promise<string | null> {
  if (!supporterId) return null;
  const supporter = await db.supporter.findUnique({
    where: { id: supporterId },
    select: { email: true, emailVerified: true },
  });
  return supporter?.email && supporter.emailVerified ? supporter.email : null;
}

/** Serialises requests and confirmations for one address (the one-pending rule), until the transaction ends. */
export async function lockAddress(tx: Tx, email: string): Promise<void> {
  await exec(
    prismaSql(tx),
    // As text: the function returns void, which Prisma's executor cannot read back.
    q.selectNoFrom((eb) =>
      eb
        .cast(
          eb.fn("pg_advisory_xact_lock", [eb.fn("hashtext", [eb.val(`reminder:${email}`)])]),
          "text",
        )
        .as("locked"),
    ),
  );
}

/** Makes `keepId` the address's one pending reminder: its other unsent ones go, and so does an earlier opt-out. */
export async function makeOnlyPending(tx: Tx, email: string, keepId: string): Promise<void> {
  await tx.reminder.deleteMany({ where: { email, sentAt: null, id: { not: keepId } } });
  // The owner asked again, explicitly (signed in, or by the link mailed to them): that lifts their unsubscribe.
  await tx.emailOptOut.deleteMany({ where: { email } });
}

export type ConfirmationState =
  { state: "pending" | "confirmed"; dueAt: Date } | { state: "expired" | "unknown" };

function stateOf(
  row: { confirmedAt: Date | null; sentAt: Date | null; consentAt: Date; dueAt: Date } | null,
  now: Date,
): ConfirmationState {
  if (!row) return { state: "unknown" };
  if (row.confirmedAt || row.sentAt) return { state: "confirmed", dueAt: row.dueAt };
  if (row.consentAt.getTime() + CONFIRM_WITHIN_MS < now.getTime()) return { state: "expired" };
  return { state: "pending", dueAt: row.dueAt };
}

/** What the confirmation page shows for a token (opening it changes nothing: mail scanners open links). */
export async function confirmationState(
  db: PrismaClient,
  token: string,
  now: Date,
): Promise<ConfirmationState> {
  const row = await db.reminder.findUnique({
    where: { confirmTokenHash: hashConfirmToken(token) },
  });
  return stateOf(row, now);
}

/** The reader's click on the confirmation page. Idempotent: a second click finds it confirmed. */
export async function confirmReminder(
  db: PrismaClient,
  token: string,
  now: Date,
): Promise<ConfirmationState> {
  return db.$transaction(async (tx) => {
    const found = await tx.reminder.findUnique({
      where: { confirmTokenHash: hashConfirmToken(token) },
      select: { email: true },
    });
    if (!found) return { state: "unknown" };
    await lockAddress(tx, found.email);
    // Re-read under the lock: a concurrent confirmation of a newer request may have replaced this one.
    const row = await tx.reminder.findUnique({
      where: { confirmTokenHash: hashConfirmToken(token) },
    });
    const state = stateOf(row, now);
    if (state.state !== "pending" || !row) return state;
    await tx.reminder.update({ where: { id: row.id }, data: { confirmedAt: now } });
    await makeOnlyPending(tx, row.email, row.id);
    return { state: "confirmed", dueAt: row.dueAt };
  });
}

/** Unconfirmed requests past the confirmation window: never sent, deleted by the reminder job. */
export async function deleteExpiredRequests(db: PrismaClient, now: Date): Promise<number> {
  const { count } = await db.reminder.deleteMany({
    where: {
      confirmedAt: null,
      sentAt: null,
      consentAt: { lt: new Date(now.getTime() - CONFIRM_WITHIN_MS) },
    },
  });
  return count;
}
