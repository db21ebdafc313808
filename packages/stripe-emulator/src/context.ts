import type Stripe from "stripe";
import { DeliveryQueue, type DeliveryOptions } from "./delivery";
import { EventLog, type EventOrigin, type EventRecord } from "./events";
import { IdempotencyCache } from "./idempotency";
import { Store } from "./store";

/**
 * The emulator's state and services, handed to every route, flow and page. One instance per started server, so
 * tests can run several emulators side by side.
 */
export class Emulator {
  readonly store = new Store();
  /** Saved responses of POSTs with an `Idempotency-Key`. */
  readonly idempotency = new IdempotencyCache();
  readonly delivery: DeliveryQueue;
  readonly events: EventLog;
  /** Public base URL for hosted pages (`/c/pay/…`, `/p/session/…`), e.g. http://127.0.0.1:12111. */
  baseUrl = "";
  /**
   * The API request being handled. Route handlers run synchronously once the body is read, so no other request
   * can interleave while this is set: events raised meanwhile carry this request's id and idempotency key.
   */
  private origin: EventOrigin | null = null;

  /** Called after anything in the state changed (persistence schedules a write); set by the server. */
  onChange: (() => void) | null = null;

  constructor(delivery: DeliveryOptions) {
    this.delivery = new DeliveryQueue({ ...delivery, onSettled: () => this.changed() });
    this.events = new EventLog((record) => this.delivery.enqueue(record));
  }

  changed(): void {
    this.onChange?.();
  }

  withOrigin<T>(origin: EventOrigin | null, run: () => T): T {
    const previous = this.origin;
    this.origin = origin;
    try {
      return run();
    } finally {
      this.origin = previous;
    }
  }

  emit(
    type: Stripe.Event.Type,
    object: object,
    previousAttributes?: Record<string, unknown>,
  ): EventRecord {
    const record = this.events.create(type, object, this.origin, previousAttributes);
    this.changed();
    return record;
  }
}
