import type Stripe from "stripe";
import type { Prisma, PrismaClient } from "../../../generated/prisma/client";
import type { Outcome } from "./context";
import { HANDLERS } from "./handlers";

export type ProcessResult = Outcome | "duplicate";

type Deps = { db: PrismaClient; stripe: Stripe };

// Unique violations and serialization failures mean another delivery raced us: run the whole event again.
const RETRYABLE = new Set(["P2002", "P2034", "40001", "40P01"]);
const MAX_ATTEMPTS = 4;

function isRaceError(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; originalCode?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  const codes = [e?.code, e?.cause?.code, e?.cause?.originalCode, e?.meta?.driverAdapterError?.cause?.originalCode];
  return codes.some((c) => c !== undefined && RETRYABLE.has(c));
}

/** Inserts the event's ledger row unless it is there already; 1 if inserted, 0 if already recorded. */
function claim(db: PrismaClient | Prisma.TransactionClient, event: Stripe.Event, outcome: Outcome): Promise<number> {
  const created = new Date(event.created * 1000);
  return db.$executeRaw`
    INSERT INTO "StripeEvent" ("id", "type", "created", "livemode", "outcome")
    VALUES (${event.id}, ${event.type}, ${created}, ${event.livemode}, ${outcome})
    ON CONFLICT ("id") DO NOTHING`;
}

/**
 * Applies one verified event exactly once: its effects and the insert of its id into the ledger commit
 * together, so a redelivery finds the id and changes nothing, and a crash leaves nothing half-done.
 */
export async function processEvent(event: Stripe.Event, deps: Deps): Promise<ProcessResult> {
  const handler = HANDLERS[event.type];
  // Nothing to apply: the ledger row is the whole effect, one statement. Most of Stripe's events are of types
  // we ignore, and a transaction each (four round trips) made them most of the cost of ingestion.
  if (!handler) return (await claim(deps.db, event, "ignored")) === 1 ? "ignored" : "duplicate";

  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.$transaction(
        async (tx) => {
          // The ledger row first: a concurrent delivery of the same event waits on it until this transaction
          // ends, then finds the event done (or, if this one rolled back, applies it itself) — rather than
          // applying it a second time in parallel and failing only at the end.
          if ((await claim(tx, event, "applied")) === 0) return "duplicate";
          const outcome = await handler({ tx, event, stripe: deps.stripe, occurredAt: new Date(event.created * 1000) });
          if (outcome !== "applied") await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome } });
          return outcome;
        },
        { timeout: 20_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRaceError(error)) continue;
      throw error;
    }
  }
}
