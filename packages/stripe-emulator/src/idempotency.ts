import { idempotencyMismatch } from "./errors";

/** Key order must not matter when comparing two requests' parameters. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

/**
 * Stripe's idempotency: a POST repeated with the same `Idempotency-Key` and the same parameters gets the first
 * response again (header `Idempotent-Replayed: true`) without doing anything; the same key with other
 * parameters or another endpoint is a 400 `idempotency_error`. As in Stripe, every request that started running
 * is saved with its result, errors included (a refund of a refunded charge replays its 400, a declined payment its
 * 402); only a request whose parameters failed validation is not, so it can be fixed and retried with its key.
 */
export class IdempotencyCache {
  private readonly saved = new Map<string, SavedResponse & { fingerprint: string }>();

  fingerprint(method: string, path: string, params: unknown): string {
    return `${method} ${path} ${stable(params)}`;
  }

  /** The saved response to replay, undefined for a new key; throws on a key reused with other parameters. */
  replay(key: string, fingerprint: string): SavedResponse | undefined {
    const saved = this.saved.get(key);
    if (!saved) return undefined;
    if (saved.fingerprint !== fingerprint) throw idempotencyMismatch(key);
    return saved;
  }

  save(key: string, fingerprint: string, response: SavedResponse): void {
    this.saved.set(key, { ...response, fingerprint });
  }

  /** Every saved response, for persistence (Stripe keeps keys for at least 24 hours, across its restarts too). */
  entries(): Array<[string, SavedResponse & { fingerprint: string }]> {
    return [...this.saved.entries()];
  }

  restore(entries: Array<[string, SavedResponse & { fingerprint: string }]>): void {
    for (const [key, saved] of entries) this.saved.set(key, saved);
  }
}
