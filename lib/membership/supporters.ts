import { newId, type Sql } from "../db/sql";

export type SupporterIdentity = {
  customerId?: string | null;
  email?: string | null;
  name?: string | null;
};

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
async function lockCustomersSupporter(sql: Sql, customerId: string) {
  const rows = await sql.query<{ id: string; email: string | null; name: string | null }>(
    `SELECT s."id", s."email", s."name" FROM "StripeCustomer" c JOIN "Supporter" s ON s."id" = c."supporterId"
     WHERE c."id" = $1 FOR UPDATE OF s`,
    [customerId],
  );
  return rows[0] ?? null;
}

/** Moves everything of one supporter to another (the same person, first seen without an email). */
async function mergeSupporterInto(sql: Sql, fromId: string, intoId: string): Promise<void> {
  const moves = [
    `UPDATE "StripeCustomer" SET "supporterId" = $2 WHERE "supporterId" = $1`,
    `UPDATE "Membership" SET "supporterId" = $2, "updatedAt" = now() WHERE "supporterId" = $1`,
    `UPDATE "Payment" SET "supporterId" = $2, "updatedAt" = now() WHERE "supporterId" = $1`,
    `UPDATE "CheckoutAttempt" SET "supporterId" = $2 WHERE "supporterId" = $1`,
    `UPDATE "ReaderKey" SET "supporterId" = $2 WHERE "supporterId" = $1`,
    `UPDATE "RemindLater" SET "supporterId" = $2 WHERE "supporterId" = $1`,
  ];
  for (const move of moves) await sql.query(move, [fromId, intoId]);
  await sql.query(`DELETE FROM "Supporter" WHERE "id" = $1`, [fromId]);
}

/**
 * Gives a known supporter (locked, without an email) the email, in one statement — unless another supporter
 * already has it: then nothing changes and that one's id comes back, to merge into.
 */
async function setEmailUnlessTaken(
  sql: Sql,
  id: string,
  email: string,
  name: string | null,
): Promise<string | null> {
  const rows = await sql.query<{ otherId: string | null }>(
    `WITH other AS (SELECT "id" FROM "Supporter" WHERE "email" = $2 AND "id" <> $1),
     updated AS (
       UPDATE "Supporter" SET "email" = $2, "name" = COALESCE("name", $3), "updatedAt" = now()
       WHERE "id" = $1 AND NOT EXISTS (SELECT 1 FROM other)
     )
     SELECT (SELECT "id" FROM other) AS "otherId"`,
    [id, email, name],
  );
  return rows[0]?.otherId ?? null;
}

/**
 * A new customer: its supporter is the one with this email (named if it had no name) or a new one, and the
 * customer is recorded for it — one statement. Two transactions creating the same email or customer at once
 * collide on a unique column and the event is retried from the start (see process-event).
 */
async function createCustomersSupporter(
  sql: Sql,
  customerId: string | null,
  email: string | null,
  name: string | null,
): Promise<string> {
  const rows = await sql.query<{ id: string }>(
    `WITH existing AS (SELECT "id", "name" FROM "Supporter" WHERE $2::text IS NOT NULL AND "email" = $2),
     named AS (
       UPDATE "Supporter" s SET "name" = $3, "updatedAt" = now() FROM existing e
       WHERE s."id" = e."id" AND e."name" IS NULL AND $3::text IS NOT NULL
     ),
     created AS (
       INSERT INTO "Supporter" ("id", "email", "name", "updatedAt")
       SELECT $4, $2, $3, now() WHERE NOT EXISTS (SELECT 1 FROM existing)
       RETURNING "id"
     ),
     chosen AS (SELECT "id" FROM existing UNION ALL SELECT "id" FROM created),
     customer AS (
       INSERT INTO "StripeCustomer" ("id", "supporterId", "email")
       SELECT $1, "id", $2 FROM chosen WHERE $1::text IS NOT NULL
     )
     SELECT "id" FROM chosen`,
    [customerId, email, name, newId()],
  );
  return rows[0]!.id;
}

/**
 * Finds or creates the supporter behind a Stripe customer and/or email. A person may be several Stripe
 * customers (Checkout makes one per gift); the email ties them together.
 */
export async function resolveSupporter(sql: Sql, identity: SupporterIdentity): Promise<string> {
  const email = normaliseEmail(identity.email);
  const name = identity.name?.trim() || null;
  // Read with the lock: what a concurrent transaction committed before we got it (an email) must be seen.
  const known = identity.customerId ? await lockCustomersSupporter(sql, identity.customerId) : null;

  if (known) {
    if (email && !known.email) {
      const otherId = await setEmailUnlessTaken(sql, known.id, email, name);
      if (otherId) {
        await mergeSupporterInto(sql, known.id, otherId);
        return otherId;
      }
    } else if (name && !known.name) {
      await sql.query(`UPDATE "Supporter" SET "name" = $2, "updatedAt" = now() WHERE "id" = $1`, [
        known.id,
        name,
      ]);
    }
    return known.id;
  }
  return createCustomersSupporter(sql, identity.customerId ?? null, email, name);
}
