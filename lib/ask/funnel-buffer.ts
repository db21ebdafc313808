import { getSqlDb } from "../db";
import type { Sql } from "../db/sql";
import { describeError } from "../security/redact";
import {
  addFunnelCounts,
  isoDay,
  type FunnelCounts,
  type FunnelKey,
  type FunnelStep,
} from "./funnel";

/** How long increments wait in memory before one statement writes them all: what an instance's death loses. */
export const FUNNEL_FLUSH_MS = 1000;

export type FunnelBufferOptions = {
  /** Where a flush writes; asked at each flush, so the app's database is opened only once there is a count. */
  sql: () => Sql;
  intervalMs?: number;
  /** Told of a failed flush (its counts are kept for the next one); the app logs it. */
  onError?: (error: unknown) => void;
};

/**
 * The funnel's counters for steps that come with page views (impressions, remind-laters): increments are added
 * up in this process's memory by (day, surface, variant) — the counters' row — and written about once a second
 * as one multi-row upsert, instead of one upsert per view on the day's one hot row. Many app instances each
 * write one statement a flush, however much traffic they take.
 *
 * A flush takes the pending counts out before it writes; if the statement fails (database down, a timeout) they
 * are added back, so the next flush writes them with what came meanwhile: nothing is lost and, since one
 * statement commits or not as a whole, nothing is counted twice. An instance that dies loses at most what it
 * counted since its last flush. The row key is the table's key (day + free-form surface and variant strings):
 * another dimension (an article, an experiment's variant id) is another column there and another part of the key.
 */
export class FunnelBuffer {
  private pending = new Map<string, FunnelCounts>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private closing = false;
  private readonly intervalMs: number;

  constructor(private readonly options: FunnelBufferOptions) {
    this.intervalMs = options.intervalMs ?? FUNNEL_FLUSH_MS;
  }

  /** Counts `n` of a step for the key's day, surface and variant; written by the next flush. */
  add(step: FunnelStep, key: FunnelKey, n = 1): void {
    const day = isoDay(key.at);
    this.merge({ day, surface: key.surface, variant: key.variant, steps: { [step]: n } });
    this.schedule();
  }

  /** Counts not yet written, by row (tests, the bench). */
  get pendingRows(): number {
    return this.pending.size;
  }

  /**
   * Writes everything counted before the call (waiting for a flush under way first), in one statement. Rejects
   * if that statement fails; the counts are then kept for the next flush.
   */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => {});
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // The write starts inside the try: a database that cannot even be opened keeps the counts too.
    const writing = (async () => addFunnelCounts(this.options.sql(), batch))();
    this.writing = writing;
    try {
      await writing;
    } catch (error) {
      for (const row of batch) this.merge(row);
      this.schedule();
      throw error;
    } finally {
      this.writing = null;
    }
  }

  /**
   * From now on every count is written at once (the process is shutting down: no later flush would come), and
   * what is pending is written now.
   */
  close(): Promise<void> {
    this.closing = true;
    this.clearTimer();
    return this.flushReporting();
  }

  /** Stops the timer without writing (tests). */
  stop(): void {
    this.clearTimer();
  }

  private merge(row: FunnelCounts): void {
    const id = JSON.stringify([row.day, row.surface, row.variant]);
    let counts = this.pending.get(id);
    if (!counts) {
      counts = { day: row.day, surface: row.surface, variant: row.variant, steps: {} };
      this.pending.set(id, counts);
    }
    for (const [step, n] of Object.entries(row.steps) as [FunnelStep, number][])
      counts.steps[step] = (counts.steps[step] ?? 0) + n;
  }

  private schedule(): void {
    if (this.closing) {
      void this.flushReporting();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushReporting();
    }, this.intervalMs);
    // A pending flush never keeps a script alive (beforeExit writes it instead).
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async flushReporting(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

// One buffer per process, kept on globalThis because Next dev re-evaluates modules on every edit.
const cache = globalThis as typeof globalThis & { __readerRevenueFunnel?: FunnelBuffer };

function appBuffer(): FunnelBuffer {
  if (!cache.__readerRevenueFunnel) {
    cache.__readerRevenueFunnel = new FunnelBuffer({
      sql: getSqlDb,
      onError: (error) =>
        console.error(
          `funnel: counts not written, kept for the next flush: ${describeError(error)}`,
        ),
    });
    // A script or test that counted and then ends writes its counts as it ends (once: a failing write
    // must not keep re-arming the event loop).
    process.once("beforeExit", () => void cache.__readerRevenueFunnel?.close());
  }
  return cache.__readerRevenueFunnel;
}

/** Counts a step of the funnel through the app's buffer: no database work in the request. */
export function bufferFunnelStep(step: FunnelStep, key: FunnelKey): void {
  appBuffer().add(step, key);
}

/** Writes the app's buffered funnel counts now (tests reading the counters, shutdown). */
export function flushFunnelCounts(): Promise<void> {
  return cache.__readerRevenueFunnel?.flush() ?? Promise.resolve();
}

/**
 * For the server (instrumentation.ts): on SIGTERM / SIGINT the pending counts are written, and so is every count
 * of the requests Next still finishes before it exits. Next's own handler ends the process once its server has
 * closed, so this is best effort: a count still being written then is lost, as in a crash.
 */
export function flushFunnelCountsOnShutdown(): void {
  const close = () => void cache.__readerRevenueFunnel?.close();
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}
