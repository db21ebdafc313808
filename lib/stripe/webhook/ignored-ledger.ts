import type Stripe from "stripe";
import type { Sql } from "../../db/sql";
import { claimIgnoredEvents } from "./event-ledger";

// Rows per statement: a flood of deliveries is written in statements of bounded size.
const MAX_BATCH = 500;

type Waiting = {
  event: Stripe.Event;
  settle: (inserted: boolean) => void;
  fail: (error: unknown) => void;
};

/**
 * The ledger rows of events we ignore, written together: deliveries that arrive while one such insert is under
 * way are inserted by the next one, in a single statement (group commit). An ignored event has no effect but
 * its row, so nothing else needs to commit with it; each delivery is answered only once its row is committed,
 * and if the statement fails every delivery in it fails (5xx) and Stripe delivers it again.
 */
class IgnoredLedger {
  private queue: Waiting[] = [];
  private busy = false;

  constructor(private readonly sql: Sql) {}

  /** True if the event's row was inserted now, false if it was already there (a redelivery). */
  claim(event: Stripe.Event): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.queue.push({ event, settle, fail });
      if (!this.busy) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.insert(batch);
    }
    this.busy = false;
  }

  private async insert(batch: Waiting[]): Promise<void> {
    // One row per id: a second delivery of an event in the same batch is its duplicate.
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(w.event.id)) first.set(w.event.id, w);
    const events = [...first.values()].map((w) => w.event);
    try {
      const inserted = await claimIgnoredEvents(this.sql, events);
      for (const w of batch) w.settle(first.get(w.event.id) === w && inserted.has(w.event.id));
    } catch (error) {
      for (const w of batch) w.fail(error);
    }
  }
}

const ledgers = new WeakMap<Sql, IgnoredLedger>();

/** Records an event we do not act on in the ledger; true if inserted, false if it was there already. */
export function claimIgnored(sql: Sql, event: Stripe.Event): Promise<boolean> {
  let ledger = ledgers.get(sql);
  if (!ledger) ledgers.set(sql, (ledger = new IgnoredLedger(sql)));
  return ledger.claim(event);
}
