import { randomUUID } from "node:crypto";
import type { SqlBool } from "kysely";
import { exec, now, q, sql, textValue } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";

export type SupporterIdentity = {
  customerId?: string | null;
  email?: string | null;
  name?: string | null;
};

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** `value IS NOT NULL`, typed in SQL: `pg` sends parameters untyped, and a bare `$1 IS NOT NULL` has none. */
const isSet = (value: string | null) => sql<SqlBool>`${textValue(value)} IS NOT NULL`;

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
const LOCK_CUSTOMERS_SUPPORTER = prepare((p: { customerId: string }) =>
  q
    .selectFrom("StripeCustomer as c")
    .innerJoin("Supporter as s", "s.id", "c.supporterId")
    .select(["s.id", "s.email", "s.name"])
    .where("c.id", "=", p.customerId)
    .forUpdate("s"),
);
function lockCustomersSupporter(sql: Sql, customerId: string) {
  return LOCK_CUSTOMERS_SUPPORTER.first(sql, { customerId });
}

/** Moves everything of one supporter to another (the same person, first seen without an email). */
async function mergeSupporterInto(sql: Sql, fromId: string, intoId: string): Promise<void> {
  const moves = [
    q.updateTable("StripeCustomer").set({ supporterId: intoId }).where("supporterId", "=", fromId),
    q
      .updateTable("Membership")
      .set({ supporterId: intoId, updatedAt: now })
      .where("supporterId", "=", fromId),
    q
      .updateTable("Payment")
      .set({ supporterId: intoId, updatedAt: now })
      .where("supporterId", "=", fromId),
    q.updateTable("CheckoutAttempt").set({ supporterId: intoId }).where("supporterId", "=", fromId),
    q.updateTable("ReaderKey").set({ supporterId: intoId }).where("supporterId", "=", fromId),
    q.updateTable("RemindLater").set({ supporterId: intoId }).where("supporterId", "=", fromId),
  ];
  for (const move of moves) await exec(sql, move);
  await exec(sql, q.deleteFrom("Supporter").where("id", "=", fromId));
}

const SET_EMAIL_UNLESS_TAKEN = prepare((p: { id: string; email: string; name: string | null }) =>
  q
    .with("other", (db) =>
      db.selectFrom("Supporter").select("id").where("email", "=", p.email).where("id", "<>", p.id),
    )
    .with("updated", (db) =>
      db
        .updateTable("Supporter")
        .set((eb) => ({
          email: p.email,
          name: eb.fn.coalesce("name", textValue(p.name)),
          updatedAt: now,
        }))
        .where("id", "=", p.id)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom("other").select("id")))),
    )
    .selectNoFrom((eb) => eb.selectFrom("other").select("id").as("otherId")),
);

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
  const row = await SET_EMAIL_UNLESS_TAKEN.first(sql, { id, email, name });
  return row?.otherId ?? null;
}

const CREATE_CUSTOMERS_SUPPORTER = prepare(
  (p: { customerId: string | null; email: string | null; name: string | null; newId: string }) =>
    q
      .with("existing", (db) =>
        db.selectFrom("Supporter").select(["id", "name"]).where("email", "=", p.email),
      )
      .with("named", (db) =>
        db
          .updateTable("Supporter as s")
          .from("existing as e")
          .set({ name: p.name, updatedAt: now })
          .whereRef("s.id", "=", "e.id")
          .where("e.name", "is", null)
          .where(isSet(p.name)),
      )
      .with("created", (db) =>
        db
          .insertInto("Supporter")
          .columns(["id", "email", "name", "updatedAt"])
          .expression(
            db
              .selectNoFrom((eb) => [
                eb.val(p.newId).as("id"),
                textValue(p.email).as("email"),
                textValue(p.name).as("name"),
                now.as("updatedAt"),
              ])
              .where(({ not, exists, selectFrom }) =>
                not(exists(selectFrom("existing").select("id"))),
              ),
          )
          .returning("id"),
      )
      .with("chosen", (db) =>
        db.selectFrom("existing").select("id").unionAll(db.selectFrom("created").select("id")),
      )
      .with("customer", (db) =>
        db
          .insertInto("StripeCustomer")
          .columns(["id", "supporterId", "email"])
          .expression(
            db
              .selectFrom("chosen")
              .select([
                textValue(p.customerId).as("id"),
                "chosen.id as supporterId",
                textValue(p.email).as("email"),
              ])
              .where(isSet(p.customerId)),
          ),
      )
      .selectFrom("chosen")
      .select("id"),
);

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
  const row = await CREATE_CUSTOMERS_SUPPORTER.first(sql, {
    customerId,
    email,
    name,
    newId: randomUUID(),
  });
  return row!.id;
}

const SET_NAME = prepare((p: { id: string; name: string }) =>
  q.updateTable("Supporter").set({ name: p.name, updatedAt: now }).where("id", "=", p.id),
);

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
      await SET_NAME.exec(sql, { id: known.id, name });
    }
    return known.id;
  }
  return createCustomersSupporter(sql, identity.customerId ?? null, email, name);
}
