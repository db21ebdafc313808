import type Stripe from "stripe";
import { DeliveryQueue, type DeliveryOptions } from "./delivery";
import { EventLog, type EventOrigin, type EventRecord } from "./events";
import { Store } from "./store";

/**
 * The emulator's state and services, handed to every route, flow and page. One instance per started server, so
 * tests can run several emulators side by side.
 */
export class Emulator {
  readonly store = new Store();
  readonly delivery: DeliveryQueue;
  readonly events: EventLog;
  /** Public base URL for hosted pages (`/c/pay/…`, `/p/session/…`), e.g. http://127.0.0.1:12111. */
  baseUrl = "";
  /**
   * The API request being handled. Route handlers run synchronously once the body is read, so no other request
   * can interleave while this is set: events raised meanwhile carry this request's id and idempotency key.
   */
  private origin: EventOrigin | null = null;

  constructor(delivery: DeliveryOptions) {
    this.delivery = new DeliveryQueue(delivery);
    this.events = new EventLog((record) => this.delivery.enqueue(record));
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

  emit(type: Stripe.Event.Type, object: object, previousAttributes?: Record<string, unknown>): EventRecord {
    return this.events.create(type, object, this.origin, previousAttributes);
  }
}
