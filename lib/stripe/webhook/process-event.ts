import type Stripe from "stripe";
import type { PrismaClient } from "../../../generated/prisma/client";
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

/**
 * Applies one verified event exactly once: its effects and the insert of its id into the ledger commit
 * together, so a redelivery finds the id and changes nothing, and a crash leaves nothing half-done.
 */
export async function processEvent(event: Stripe.Event, deps: Deps): Promise<ProcessResult> {
  for (let attempt = 1; ; attempt++) {
    if (await deps.db.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return "duplicate";
    try {
      return await deps.db.$transaction(
        async (tx) => {
          const handler = HANDLERS[event.type];
          const occurredAt = new Date(event.created * 1000);
          const outcome: Outcome = handler ? await handler({ tx, event, stripe: deps.stripe, occurredAt }) : "ignored";
          await tx.stripeEvent.create({
            data: { id: event.id, type: event.type, created: occurredAt, livemode: event.livemode, outcome },
          });
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
