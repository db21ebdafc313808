import { Redis } from "ioredis";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../env";
import { describeError } from "./redact";

/**
 * Rate limits shared by every app instance: Redis when REDIS_URL is set, else the PostgreSQL database. Only
 * the embedded quick start (PGlite, one process by construction) keeps its counters in memory.
 */
export type LimitName = "checkout-ip" | "checkout-reader" | "forms-ip" | "signin-email" | "signin-ip" | "reminder-email" | "reminder-ip";

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limiters = new Map<LimitName, Promise<RateLimiterAbstract>>();
let store: { redis?: Redis; pool?: pg.Pool } | undefined;

function points(name: LimitName): number {
  const config = env();
  if (name === "checkout-ip") return config.RATE_LIMIT_CHECKOUT_PER_IP;
  if (name === "checkout-reader") return config.RATE_LIMIT_CHECKOUT_PER_READER;
  if (name === "signin-email") return config.RATE_LIMIT_SIGNIN_PER_EMAIL;
  if (name === "signin-ip") return config.RATE_LIMIT_SIGNIN_PER_IP;
  if (name === "reminder-email") return config.RATE_LIMIT_REMINDER_PER_EMAIL;
  if (name === "reminder-ip") return config.RATE_LIMIT_REMINDER_PER_IP;
  return config.RATE_LIMIT_FORMS_PER_IP;
}

function createLimiter(name: LimitName): Promise<RateLimiterAbstract> {
  const config = env();
  const options = { keyPrefix: name, points: points(name), duration: config.RATE_LIMIT_WINDOW_SECONDS };
  if (config.REDIS_URL) {
    store ??= { redis: new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) };
    return Promise.resolve(new RateLimiterRedis({ ...options, storeClient: store.redis }));
  }
  if (config.DATABASE_URL) {
    if (!store?.pool) {
      const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
      pool.on("error", (error) => console.error(`rate limit store: idle connection lost: ${describeError(error)}`));
      store = { pool };
    }
    const pool = store.pool;
    // The library creates its small table ("rate_limits": key, points, expire) and calls back when ready.
    return new Promise((resolve, reject) => {
      const created = new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: "rate_limits" }, (error?: unknown) =>
        error ? reject(error) : resolve(created),
      );
    });
  }
  return Promise.resolve(new RateLimiterMemory(options));
}

function limiter(name: LimitName): Promise<RateLimiterAbstract> {
  let existing = limiters.get(name);
  if (!existing) {
    existing = createLimiter(name);
    existing.catch(() => limiters.delete(name)); // a failed start is retried by the next request
    limiters.set(name, existing);
  }
  return existing;
}

/** Spends one point of `key`'s budget; when it is spent, says how long until the window frees up. */
export async function consume(name: LimitName, key: string): Promise<LimitResult> {
  try {
    await (await limiter(name)).consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/**
 * The client's address as the nearest proxy saw it: the rightmost X-Forwarded-For entry (Next.js sets it from
 * the socket when no proxy did). Production must run behind a proxy that appends to X-Forwarded-For.
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || request.headers.get("x-real-ip") || "unknown";
}

export function tooManyRequests(retryAfterSeconds: number, message = "Too many attempts. Please wait a few minutes and try again."): Response {
  return Response.json({ error: message }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}
