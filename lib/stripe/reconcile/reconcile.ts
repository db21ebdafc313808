import { exec, now, q } from "../../db/query";
import { prismaSql } from "../../db/sql";
import type Stripe from "stripe";
import type { PrismaClient } from "../../../generated/prisma/client";
import { STRIPE_API_VERSION } from "../client";
import { apiVersionMismatch } from "../webhook/event-envelope";
import { HANDLED_EVENT_TYPES } from "../webhook/handlers";
import { processEvent } from "../webhook/process-event";

/**
 * Applies the Stripe events the webhook missed (an outage longer than Stripe's retries, a misconfigured
 * endpoint, a deploy that answered 5xx), reading Stripe's event list from a checkpoint kept in the database.
 * Every event goes through the webhook's own processEvent, so one the webhook did apply is found in the ledger
 * and changes nothing: running this any number of times, or while the webhook is delivering, is safe.
 */

const CHECKPOINT_ID = "events";
const PAGE_SIZE = 100;
// Re-read this far before the checkpoint: events created in the checkpoint's second after the last run, and
// events Stripe lists with a delay. They are found in the ledger, so the overlap costs one lookup each.
const DEFAULT_OVERLAP_SECONDS = 300;

export type ReconcileOptions = {
  /** Start here instead of at the checkpoint (the first run reads all Stripe still lists: 30 days). */
  since?: Date;
  overlapSeconds?: number;
  pageSize?: number;
  log?: (line: string) => void;
};

export type ReconcileSummary = {
  /** Events listed as created after this moment were read (null: everything Stripe lists). */
  from: Date | null;
  listed: number;
  /** Applied now: the webhook had missed them. */
  applied: number;
  /** Already in the ledger (the webhook, or an earlier run, applied them). */
  alreadyRecorded: number;
  ignored: number;
  failed: Array<{ id: string; type: string; error: string }>;
  /** The checkpoint after this run: every event up to it is applied. */
  checkpoint: { createdUpTo: Date; lastEventId: string } | null;
};

type Deps = { db: PrismaClient; stripe: Stripe };

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** Moves the checkpoint forward only (two overlapping runs never move it back). */
async function advanceCheckpoint(db: PrismaClient, event: Stripe.Event): Promise<void> {
  const createdUpTo = new Date(event.created * 1000);
  await exec(
    prismaSql(db),
    q
      .insertInto("ReconcileCheckpoint")
      .values({ id: CHECKPOINT_ID, createdUpTo, lastEventId: event.id, updatedAt: now })
      .onConflict((c) =>
        c
          .column("id")
          .doUpdateSet((eb) => ({
            createdUpTo: eb.ref("excluded.createdUpTo"),
            lastEventId: eb.ref("excluded.lastEventId"),
            updatedAt: now,
          }))
          .whereRef("ReconcileCheckpoint.createdUpTo", "<=", "excluded.createdUpTo"),
      ),
  );
}

/**
 * Stripe lists events newest first. To apply them oldest first without holding them all, walk back to the
 * oldest event in range (keeping only it), then page forward from it with `ending_before`, each page reversed.
 */
async function* oldestFirst(
  stripe: Stripe,
  filter: Stripe.EventListParams,
  pageSize: number,
): AsyncGenerator<Stripe.Event> {
  let oldest: Stripe.Event | undefined;
  let startingAfter: string | undefined;
  for (;;) {
    const page = await stripe.events.list({
      ...filter,
      limit: pageSize,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    if (page.data.length === 0) break;
    oldest = page.data[page.data.length - 1];
    startingAfter = oldest!.id;
    if (!page.has_more) break;
  }
  if (!oldest) return;
  yield oldest;
  let endingBefore = oldest.id;
  for (;;) {
    const page = await stripe.events.list({
      ...filter,
      limit: pageSize,
      ending_before: endingBefore,
    });
    if (page.data.length === 0) return;
    for (const event of [...page.data].reverse()) yield event;
    endingBefore = page.data[0]!.id;
    if (!page.has_more) return;
  }
}

export async function reconcileStripeEvents(
  deps: Deps,
  options: ReconcileOptions = {},
): Promise<ReconcileSummary> {
  const log = options.log ?? (() => {});
  const checkpoint = await deps.db.reconcileCheckpoint.findUnique({ where: { id: CHECKPOINT_ID } });
  const overlap = (options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
  const from =
    options.since ?? (checkpoint ? new Date(checkpoint.createdUpTo.getTime() - overlap) : null);
  const summary: ReconcileSummary = {
    from,
    listed: 0,
    applied: 0,
    alreadyRecorded: 0,
    ignored: 0,
    failed: [],
    checkpoint: null,
  };
  // Only the types the webhook acts on: the rest would only be ledger rows, and are most of an account's events.
  const filter: Stripe.EventListParams = {
    types: HANDLED_EVENT_TYPES,
    ...(from ? { created: { gt: unix(from) } } : {}),
  };
  log(
    `reading Stripe events created ${from ? `after ${from.toISOString()}` : "in the last 30 days (no checkpoint yet)"}`,
  );

  // The checkpoint only moves past events that are applied: after a failure, the next run starts before it.
  let contiguous = true;
  for await (const event of oldestFirst(deps.stripe, filter, options.pageSize ?? PAGE_SIZE)) {
    summary.listed++;
    try {
      // The handlers read this API version's field paths; an event rendered in another would be misread.
      const mismatch = apiVersionMismatch(event);
      if (mismatch)
        throw new Error(
          `${mismatch}: set the account's default API version to ${STRIPE_API_VERSION}`,
        );
      const result = await processEvent(event, deps);
      if (result === "applied") summary.applied++;
      else if (result === "duplicate") summary.alreadyRecorded++;
      else summary.ignored++;
      if (result !== "duplicate") log(`${result}: ${event.type} ${event.id}`);
    } catch (error) {
      contiguous = false;
      const message =
        error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1)! : String(error);
      summary.failed.push({ id: event.id, type: event.type, error: message });
      log(`FAILED: ${event.type} ${event.id}: ${message}`);
      continue;
    }
    if (contiguous) {
      await advanceCheckpoint(deps.db, event);
      summary.checkpoint = { createdUpTo: new Date(event.created * 1000), lastEventId: event.id };
    }
  }
  if (!summary.checkpoint && checkpoint)
    summary.checkpoint = {
      createdUpTo: checkpoint.createdUpTo,
      lastEventId: checkpoint.lastEventId,
    };
  return summary;
}
