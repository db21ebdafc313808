import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Emulator } from "./context";
import type { DeliveryStatus, EventRecord } from "./events";
import type { SavedResponse } from "./idempotency";
import { Store } from "./store";

/**
 * The emulator's state on disk, so a restart keeps what Stripe would keep: customers, subscriptions, invoices,
 * charges (receipt and invoice links keep working), portal sessions, events (`events.list`, resend; deliveries
 * still pending are retried) and idempotency keys. One JSON file, written atomically (a temporary file renamed
 * over it) at most once per `debounceMs` after a change, and once more on close. A large state (the demo seed's
 * 2,000 readers make ~27 MB, about a second to write on a busy machine) stretches the wait to four times the
 * last write, so the emulator spends at most a fifth of its time saving.
 */
const VERSION = 1;
type Tables = Record<string, Array<[string, unknown]>>;

export interface Snapshot {
  version: number;
  savedAt: string;
  tables: Tables;
  /** Each event as the exact payload sent, with its delivery status. */
  events: Array<{ payload: string; delivery: DeliveryStatus }>;
  idempotency: Array<[string, SavedResponse & { fingerprint: string }]>;
}

/** The store's tables: every Map it holds, by property name. */
function tablesOf(store: Store): Array<[string, Map<string, unknown>]> {
  return Object.entries(store).filter(
    (entry): entry is [string, Map<string, unknown>] => entry[1] instanceof Map,
  );
}

export function snapshot(emu: Emulator): Snapshot {
  return {
    version: VERSION,
    savedAt: new Date().toISOString(),
    tables: Object.fromEntries(
      tablesOf(emu.store).map(([name, table]) => [name, [...table.entries()]]),
    ),
    events: emu.events.all().map((r) => ({ payload: r.payload, delivery: r.delivery })),
    idempotency: emu.idempotency.entries(),
  };
}

/**
 * Loads a snapshot into a fresh emulator; events whose delivery had not finished are queued again, unless
 * `resumeDeliveries` is false (a script editing the file while no emulator runs leaves them pending).
 */
export function restore(emu: Emulator, saved: Snapshot, { resumeDeliveries = true } = {}): void {
  if (saved.version !== VERSION)
    throw new Error(`unsupported emulator state version ${saved.version}`);
  const tables = new Map(tablesOf(emu.store));
  for (const [name, rows] of Object.entries(saved.tables)) {
    const table = tables.get(name);
    if (!table) continue; // a table a later version dropped
    for (const [id, row] of rows) table.set(id, row);
  }
  const records: EventRecord[] = saved.events.map(({ payload, delivery }) => {
    const event = JSON.parse(payload) as EventRecord["event"];
    if (delivery.status !== "pending") event.pending_webhooks = 0;
    return { event, payload, delivery };
  });
  emu.events.restore(records);
  emu.idempotency.restore(saved.idempotency ?? []);
  if (resumeDeliveries)
    for (const record of records)
      if (record.delivery.status === "pending") emu.delivery.enqueue(record);
}

export function readState(path: string): Snapshot | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return JSON.parse(text) as Snapshot;
}

/** Writes atomically: a reader (or a crash) sees the old file or the new one, never half of one. */
export function writeState(path: string, state: Snapshot): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}

export class StateFile {
  private timer: NodeJS.Timeout | null = null;
  private lastSaveMs = 0;

  constructor(
    private readonly emu: Emulator,
    readonly path: string,
    private readonly debounceMs = 250,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Restores the saved state, if any; returns how many objects and events it held. */
  load(): { objects: number; events: number } | null {
    const saved = readState(this.path);
    if (!saved) return null;
    restore(this.emu, saved);
    const objects = Object.values(saved.tables).reduce((n, rows) => n + rows.length, 0);
    return { objects, events: saved.events.length };
  }

  /** A change happened: write soon, once, however many changes follow within the debounce. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.save();
      },
      Math.max(this.debounceMs, this.lastSaveMs * 4),
    );
    this.timer.unref();
  }

  /** Writes now if a write is due (on close). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.save();
  }

  private save(): void {
    const started = Date.now();
    try {
      writeState(this.path, snapshot(this.emu));
      this.lastSaveMs = Date.now() - started;
    } catch (error) {
      this.log(
        `could not save state to ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
