import { setTimeout as delay } from "node:timers/promises";
import Stripe from "stripe";
import type { EventRecord } from "./events";
import { now } from "./time";

export interface DeliveryOptions {
  /** Where events are POSTed; null disables delivery (events are still recorded and listable). */
  url: string | null;
  secret: string;
  /** Waits between attempts; the number of attempts is this length + 1. */
  retryDelaysMs: readonly number[];
  log: (message: string) => void;
  /** Called when a delivery ends (delivered or given up), so its status can be persisted. */
  onSettled?: () => void;
}

export const DEFAULT_RETRY_DELAYS_MS = [200, 500, 1000, 2000, 4000, 8000, 8000];

/**
 * One sequential queue of webhook deliveries, in creation order. Stripe retries failed deliveries for days with
 * backoff; here the backoff is seconds so a restarted app catches up quickly. A delivery that keeps failing is
 * logged and dropped, never fatal: `resend` can send it again.
 */
export class DeliveryQueue {
  private readonly queue: EventRecord[] = [];
  private running = false;
  private paused = false;
  private closed = false;
  private waiters: Array<() => void> = [];
  private readonly abort = new AbortController();

  constructor(private readonly options: DeliveryOptions) {}

  enqueue(record: EventRecord): void {
    if (!this.options.url) {
      record.delivery.status = "disabled";
      record.event.pending_webhooks = 0;
      return;
    }
    record.delivery.status = "pending";
    this.queue.push(record);
    void this.pump();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.pump();
  }

  state(): { paused: boolean; pending: number; url: string | null } {
    return { paused: this.paused, pending: this.queue.length, url: this.options.url };
  }

  /** Resolves once nothing is queued or in flight, or once paused with nothing in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    this.notify();
  }

  private isIdle(): boolean {
    return this.closed || (!this.running && (this.queue.length === 0 || this.paused));
  }

  private notify(): void {
    if (!this.isIdle()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.paused && !this.closed) {
        const record = this.queue[0] as EventRecord;
        await this.deliver(record);
        this.queue.shift();
        this.options.onSettled?.();
      }
    } finally {
      this.running = false;
      this.notify();
    }
  }

  private async deliver(record: EventRecord): Promise<void> {
    const { retryDelaysMs, log } = this.options;
    for (let attempt = 0; attempt <= retryDelaysMs.length && !this.closed; attempt++) {
      if (attempt > 0) await this.sleep(retryDelaysMs[attempt - 1] ?? 0);
      if (this.closed) return;
      record.delivery.attempts += 1;
      const ok = await this.attempt(record);
      if (ok) {
        record.delivery.status = "delivered";
        record.delivery.delivered_at = now();
        record.event.pending_webhooks = 0;
        return;
      }
    }
    record.delivery.status = "failed";
    log(
      `webhook ${record.event.id} (${record.event.type}) not delivered: ${record.delivery.last_error}`,
    );
  }

  private async attempt(record: EventRecord): Promise<boolean> {
    // Signed at each attempt, like Stripe: the timestamp in the header must be fresh for the receiver's tolerance.
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: record.payload,
      secret: this.options.secret,
    });
    try {
      const response = await fetch(this.options.url as string, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "stripe-signature": signature,
        },
        body: record.payload,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(10_000)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      record.delivery.last_http_status = response.status;
      record.delivery.last_error = response.ok ? null : `HTTP ${response.status}`;
      return response.ok;
    } catch (error) {
      record.delivery.last_http_status = null;
      record.delivery.last_error =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      return false;
    }
  }

  private async sleep(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}
