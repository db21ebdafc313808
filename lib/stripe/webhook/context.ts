import type Stripe from "stripe";
import type { Tx } from "../../db";

export type HandlerContext = {
  tx: Tx;
  event: Stripe.Event;
  stripe: Stripe;
  /** When the event happened at Stripe: the clock that orders snapshots. */
  occurredAt: Date;
};

export type Outcome = "applied" | "ignored";

export type EventHandler = (ctx: HandlerContext) => Promise<Outcome>;
