import type Stripe from "stripe";
import type { Sql } from "../../db/sql";

export type HandlerContext = {
  /** The event's transaction: everything written through it commits with the event's ledger row. */
  tx: Sql;
  event: Stripe.Event;
  stripe: Stripe;
  /** When the event happened at Stripe: the clock that orders snapshots. */
  occurredAt: Date;
};

export type Outcome = "applied" | "ignored";

export type EventHandler = (ctx: HandlerContext) => Promise<Outcome>;
