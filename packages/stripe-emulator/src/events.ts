import Stripe from "stripe";
import { newId } from "./ids";
import { now } from "./time";

export const API_VERSION = "2026-10-28.endive";

/** The API request behind an event; both null for events Stripe raises by itself (renewals, hosted pages). */
export interface EventOrigin {
  id: string | null;
  idempotency_key: string | null;
}

export interface DeliveryStatus {
  status: "pending" | "delivered" | "failed" | "disabled";
  attempts: number;
  last_http_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
}

export interface EventRecord {
  event: Stripe.Event;
  /** The exact body sent (and re-sent): serialised once, pretty-printed like Stripe's. */
  payload: string;
  delivery: DeliveryStatus;
}

/**
 * Every event the emulator has raised, oldest first. `data.object` is a snapshot taken at creation, so later
 * changes to the object never leak into earlier events, just as with Stripe.
 */
export class EventLog {
  private readonly records: EventRecord[] = [];
  private readonly byId = new Map<string, EventRecord>();

  constructor(private readonly onCreate: (record: EventRecord) => void) {}

  create(
    type: Stripe.Event.Type,
    object: object,
    origin: EventOrigin | null,
    previousAttributes?: Record<string, unknown>,
  ): EventRecord {
    const event = {
      id: newId("evt_"),
      object: "event",
      api_version: API_VERSION,
      created: now(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: origin ?? { id: null, idempotency_key: null },
      type,
    } as Stripe.Event;
    const record: EventRecord = {
      event,
      payload: JSON.stringify(event, null, 2),
      delivery: {
        status: "pending",
        attempts: 0,
        last_http_status: null,
        last_error: null,
        delivered_at: null,
      },
    };
    this.records.push(record);
    this.byId.set(event.id, record);
    this.onCreate(record);
    return record;
  }

  /** Puts back events saved by an earlier run (see persistence.ts), oldest first, without raising them again. */
  restore(records: EventRecord[]): void {
    for (const record of records) {
      this.records.push(record);
      this.byId.set(record.event.id, record);
    }
  }

  get(id: string): EventRecord | undefined {
    return this.byId.get(id);
  }

  /** Oldest first. */
  all(): readonly EventRecord[] {
    return this.records;
  }
}
