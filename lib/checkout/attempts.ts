import { randomUUID } from "node:crypto";
import type { CheckoutStatus, Frequency } from "../../generated/prisma/enums";
import { enumValue, exec, q } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";

/** Every statement on "CheckoutAttempt": a reader's press of Continue, and what became of it. */

export type NewAttempt = {
  frequency: Frequency;
  amount: number;
  currency: string;
  surface: string;
  variant: string;
  readerKey: string | null;
  /** A reader's checkout (not a crawler's or a script's): its steps count in the funnel, payment included. */
  inFunnel: boolean;
};

/** Records an attempt before Checkout is asked for a session; its id comes back. */
export async function createAttempt(sql: Sql, attempt: NewAttempt): Promise<string> {
  const id = randomUUID();
  await exec(
    sql,
    q.insertInto("CheckoutAttempt").values({
      id,
      ...attempt,
      frequency: enumValue("Frequency", attempt.frequency),
    }),
  );
  return id;
}

/** The session Checkout created for the attempt. */
export async function setAttemptSession(sql: Sql, id: string, stripeSessionId: string) {
  await exec(sql, q.updateTable("CheckoutAttempt").set({ stripeSessionId }).where("id", "=", id));
}

/** Checkout refused or could not be reached: the attempt ends there. */
export async function failAttempt(sql: Sql, id: string) {
  await exec(
    sql,
    q
      .updateTable("CheckoutAttempt")
      .set({ status: enumValue("CheckoutStatus", "FAILED") })
      .where("id", "=", id),
  );
}

const EXISTS = prepare((p: { id: string }) =>
  q.selectFrom("CheckoutAttempt").select("id").where("id", "=", p.id),
);

/** Whether an attempt with this id exists (an id from Stripe metadata may be anyone's). */
export async function attemptExists(sql: Sql, id: string | null | undefined): Promise<boolean> {
  return id ? (await EXISTS.first(sql, { id })) !== undefined : false;
}

// By the session's id, or by the attempt id it carries (a null one matches nothing).
const FIND_FOR_SESSION = prepare((p: { sessionId: string; attemptId: string | null }) =>
  q
    .selectFrom("CheckoutAttempt")
    .select(["id", "stripeSessionId", "currency", "surface", "variant", "readerKey", "inFunnel"])
    .where((eb) => eb.or([eb("stripeSessionId", "=", p.sessionId), eb("id", "=", p.attemptId)]))
    .limit(1),
);

/** The attempt behind a Checkout Session: by the session's id, or by the attempt id it carries. */
export function findSessionAttempt(sql: Sql, sessionId: string, attemptId: string | null) {
  return FIND_FOR_SESSION.first(sql, { sessionId, attemptId });
}

const SETTLED: CheckoutStatus[] = ["COMPLETED", "FAILED"];

type AttemptLink = { supporterId: string; stripeSessionId: string; completedAt: Date | null };

const ADVANCE = prepare((p: AttemptLink & { id: string; next: CheckoutStatus }) =>
  q
    .updateTable("CheckoutAttempt")
    .set({
      supporterId: p.supporterId,
      stripeSessionId: p.stripeSessionId,
      completedAt: p.completedAt,
      status: enumValue("CheckoutStatus", p.next),
    })
    .where("id", "=", p.id)
    .where("status", "not in", SETTLED)
    .returning("id"),
);

const LINK = prepare((p: { id: string; supporterId: string; stripeSessionId: string }) =>
  q
    .updateTable("CheckoutAttempt")
    .set({ supporterId: p.supporterId, stripeSessionId: p.stripeSessionId })
    .where("id", "=", p.id),
);

/**
 * Moves an attempt forward and links it to its supporter and session; a settled one (completed or failed) is
 * only linked. Decided by the update on the row as it is now, not as read before; true if it moved.
 */
export async function advanceAttempt(
  sql: Sql,
  id: string,
  next: CheckoutStatus,
  link: AttemptLink,
): Promise<boolean> {
  if (await ADVANCE.first(sql, { ...link, id, next })) return true;
  await LINK.exec(sql, { ...link, id });
  return false;
}

/**
 * The attempt's id as a subquery, as long as that attempt exists and no membership holds it yet (else null):
 * a membership is linked to the attempt that started it once, and an attempt to one membership.
 */
export function freeAttemptId(id: string | null) {
  return q
    .selectFrom("CheckoutAttempt as a")
    .select("a.id")
    .where("a.id", "=", id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("Membership as m").select("m.id").whereRef("m.checkoutAttemptId", "=", "a.id"),
        ),
      ),
    );
}
