import type Stripe from "stripe";
import type { PrismaClient } from "../../../generated/prisma/client";
import { prismaSqlDatabase, type SqlDatabase } from "../../db/sql";
import { claimEvent, setEventOutcome } from "./event-ledger";
import type { Outcome } from "./context";
import { HANDLERS } from "./handlers";
import { claimIgnored } from "./ignored-ledger";

export type ProcessResult = Outcome | "duplicate";

/**
 * `sql`: the database as plain SQL (lib/db's getSqlDb(): `pg` on PostgreSQL), the webhook's hot path. Without it
 * the same statements run through `db`, the Prisma client (scripts, tests' reference databases).
 */
type Deps = { db: PrismaClient; sql?: SqlDatabase; stripe: Stripe };

// Unique violations and serialization failures mean another delivery raced us: run the whole event again.
const RETRYABLE = new Set(["P2002", "P2034", "23505", "40001", "40P01"]);
const MAX_ATTEMPTS = 4;

function isRaceError(error: unknown): boolean {
  const e = error as {
    code?: string;
    cause?: { code?: string; originalCode?: string };
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  const codes = [
    e?.code,
    e?.cause?.code,
    e?.cause?.originalCode,
    e?.meta?.code,
    e?.meta?.driverAdapterError?.cause?.originalCode,
  ];
  return codes.some((c) => c !== undefined && RETRYABLE.has(c));
}

/**
 * Applies one verified event exactly once: its effects and the insert of its id into the ledger commit
 * together, so a redelivery finds the id and changes nothing, and a crash leaves nothing half-done.
 */
export async function processEvent(event: Stripe.Event, deps: Deps): Promise<ProcessResult> {
  const database = deps.sql ?? prismaSqlDatabase(deps.db);
  const handler = HANDLERS[event.type];
  // Nothing to apply: the ledger row is the whole effect, no transaction needed. Most of Stripe's events are of
  // types we ignore: their rows are inserted together with those of concurrent deliveries (ignored-ledger.ts).
  if (!handler) return (await claimIgnored(database, event)) ? "ignored" : "duplicate";

  for (let attempt = 1; ; attempt++) {
    try {
      return await database.transaction(async (tx) => {
        // The ledger row first: a concurrent delivery of the same event waits on it until this transaction
        // ends, then finds the event done (or, if this one rolled back, applies it itself) — rather than
        // applying it a second time in parallel and failing only at the end.
        if (!(await claimEvent(tx, event))) return "duplicate";
        const outcome = await handler({
          tx,
          event,
          stripe: deps.stripe,
          occurredAt: new Date(event.created * 1000),
        });
        if (outcome !== "applied") await setEventOutcome(tx, event.id, outcome);
        return outcome;
      });
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRaceError(error)) continue;
      throw error;
    }
  }
}
