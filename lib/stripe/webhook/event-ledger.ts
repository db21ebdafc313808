import type Stripe from "stripe";
import { all, q, sql } from "../../db/query";
import { prepare } from "../../db/prepared";
import type { Sql } from "../../db/sql";
import type { Outcome } from "./context";

/** Every statement on "StripeEvent", the ledger that makes each event take effect once. */

const CLAIM = prepare((p: { id: string; type: string; created: Date; livemode: boolean }) =>
  q
    .insertInto("StripeEvent")
    .values({
      id: p.id,
      type: p.type,
      created: p.created,
      livemode: p.livemode,
      outcome: "applied",
    })
    .onConflict((c) => c.column("id").doNothing())
    .returning("id"),
);

/** Inserts the event's ledger row unless it is there already; true if inserted, false if already recorded. */
export async function claimEvent(db: Sql, event: Stripe.Event): Promise<boolean> {
  const row = await CLAIM.first(db, {
    id: event.id,
    type: event.type,
    created: new Date(event.created * 1000),
    livemode: event.livemode,
  });
  return row !== undefined;
}

const SET_OUTCOME = prepare((p: { id: string; outcome: Outcome }) =>
  q.updateTable("StripeEvent").set({ outcome: p.outcome }).where("id", "=", p.id),
);

/** What applying the event came to, when it was not "applied" (the row's default). */
export async function setEventOutcome(db: Sql, eventId: string, outcome: Outcome): Promise<void> {
  await SET_OUTCOME.exec(db, { id: eventId, outcome });
}

/**
 * Inserts the rows of events we ignore, many in one statement (one statement text, whatever the number: the
 * events come as four arrays); the ids of those inserted come back, not those already there.
 */
export async function claimIgnoredEvents(
  db: Sql,
  events: readonly Stripe.Event[],
): Promise<Set<string>> {
  const query = q
    .insertInto("StripeEvent")
    .columns(["id", "type", "created", "livemode", "outcome"])
    .expression(
      // Every array as text, cast per row: both executors send a text array the same way.
      sql`SELECT e."id", e."type", e."created"::timestamptz, e."livemode"::boolean, 'ignored'
        FROM unnest(
          ${events.map((e) => e.id)}::text[],
          ${events.map((e) => e.type)}::text[],
          ${events.map((e) => new Date(e.created * 1000).toISOString())}::text[],
          ${events.map((e) => String(e.livemode))}::text[]
        ) AS e("id", "type", "created", "livemode")`,
    )
    .onConflict((c) => c.column("id").doNothing())
    .returning("id");
  return new Set((await all(db, query)).map((r) => r.id));
}
