import { Redis } from "ioredis";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env, type Env } from "../env";
import { AppError } from "../errors/app-error";
import { tryAgainIn } from "../http/wait";
import { addressKey, clientAddressFrom } from "./client-address";
import { describeError } from "./redact";

/**
 * Rate limits shared by every app instance: Redis when REDIS_URL is set, else the PostgreSQL database. Only
 * the embedded quick start (PGlite, one process by construction) keeps its counters in memory.
 *
 * With Redis, the first request waits (briefly) for the connection, and while Redis is unreachable or
 * reconnecting the library's insurance limiter counts instead: PostgreSQL when DATABASE_URL is set (still
 * shared by every instance), else memory. When no store answers, limits cannot be checked and consume throws
 * AppError("retry_later") (503, or the form's "try again" message): we never let a request through unchecked.
 */
export type LimitName =
  | "checkout-ip"
  | "checkout-reader"
  | "checkout-global"
  | "forms-ip"
  | "beacon-ip"
  | "beacon-reader"
  | "signin-email"
  | "signin-ip"
  | "reminder-email"
  | "reminder-ip";

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type LimitRule = {
  points: number;
  durationSeconds: number;
  /**
   * Counted in each process's memory unless Redis is configured: for the ask's beacons, which come with every
   * article view and must not cost a database write each (the funnel's counters are batched for the same
   * reason). Each app instance then has its own budget, which still bounds what one client can add.
   */
  memoryWithoutRedis?: boolean;
};

/** Each limit's budget from the configuration; null when it is turned off. */
export function limitRule(name: LimitName, config: Env): LimitRule | null {
  const window = config.RATE_LIMIT_WINDOW_SECONDS;
  switch (name) {
    case "checkout-ip":
      return { points: config.RATE_LIMIT_CHECKOUT_PER_IP, durationSeconds: window };
    case "checkout-reader":
      return { points: config.RATE_LIMIT_CHECKOUT_PER_READER, durationSeconds: window };
    case "checkout-global":
      return config.RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE > 0
        ? { points: config.RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE, durationSeconds: 60 }
        : null;
    case "forms-ip":
      return { points: config.RATE_LIMIT_FORMS_PER_IP, durationSeconds: window };
    case "beacon-ip":
      return {
        points: config.RATE_LIMIT_BEACONS_PER_IP,
        durationSeconds: window,
        memoryWithoutRedis: true,
      };
    case "beacon-reader":
      return {
        points: config.RATE_LIMIT_BEACONS_PER_READER,
        durationSeconds: window,
        memoryWithoutRedis: true,
      };
    case "signin-email":
      return { points: config.RATE_LIMIT_SIGNIN_PER_EMAIL, durationSeconds: window };
    case "signin-ip":
      return { points: config.RATE_LIMIT_SIGNIN_PER_IP, durationSeconds: window };
    case "reminder-email":
      return { points: config.RATE_LIMIT_REMINDER_PER_EMAIL, durationSeconds: window };
    case "reminder-ip":
      return { points: config.RATE_LIMIT_REMINDER_PER_IP, durationSeconds: window };
  }
}

export type RateLimitStoreOptions = {
  redisUrl?: string;
  databaseUrl?: string;
  /** Put before every limit's name in its keys (tests use a unique one on the shared Redis). */
  keyPrefix?: string;
  rule: (name: LimitName) => LimitRule | null;
  /** How long the first request waits for Redis to connect before the insurance limiter answers. */
  redisReadyTimeoutMs?: number;
};

export type RateLimitStore = {
  consume(name: LimitName, key: string): Promise<LimitResult>;
  close(): Promise<void>;
};

function postgresLimiter(
  pool: pg.Pool,
  options: { keyPrefix: string; points: number; duration: number },
  insuranceLimiter?: RateLimiterAbstract,
) {
  // The table ("rate_limits": key, points, expire) is a migration (prisma/schema.prisma's RateLimit), so the
  // library is told not to create it at run time (and is ready at once).
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    insuranceLimiter,
  });
}

export function createRateLimitStore(options: RateLimitStoreOptions): RateLimitStore {
  const prefix = options.keyPrefix ?? "";
  const limiters = new Map<LimitName, Promise<RateLimiterAbstract>>();
  let pool: pg.Pool | undefined;
  let redis: Redis | undefined;
  let redisReady: Promise<void> | undefined;

  const getPool = () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
      pool.on("error", (error) =>
        console.error(`rate limit store: idle connection lost: ${describeError(error)}`),
      );
    }
    return pool;
  };

  const getRedis = () => {
    if (!redis) {
      let lastError = "";
      // No offline queue: a command while disconnected fails at once, and the insurance limiter answers.
      redis = new Redis(options.redisUrl!, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        connectionName: `${prefix}rate-limits`,
      });
      redis.on("error", (error: unknown) => {
        const text = describeError(error);
        if (text !== lastError)
          console.error(
            `rate limit store: Redis: ${text} (counting with the fallback store meanwhile)`,
          );
        lastError = text;
      });
      redis.on("ready", () => (lastError = ""));
      const client = redis;
      // Wait for the first connection (not for every command): commands sent before it would fail.
      redisReady = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.redisReadyTimeoutMs ?? 2000);
        client.once("ready", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return redis;
  };

  async function createLimiter(name: LimitName, rule: LimitRule): Promise<RateLimiterAbstract> {
    const base = {
      keyPrefix: `${prefix}${name}`,
      points: rule.points,
      duration: rule.durationSeconds,
    };
    if (options.redisUrl) {
      const client = getRedis();
      // Redis, else PostgreSQL (shared by every instance), else this process's memory.
      const memory = new RateLimiterMemory(base);
      const insurance =
        options.databaseUrl && !rule.memoryWithoutRedis
          ? postgresLimiter(getPool(), base, memory)
          : memory;
      await redisReady;
      return new RateLimiterRedis({
        ...base,
        storeClient: client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: insurance,
      });
    }
    if (options.databaseUrl && !rule.memoryWithoutRedis) return postgresLimiter(getPool(), base);
    return new RateLimiterMemory(base);
  }

  function limiter(name: LimitName, rule: LimitRule): Promise<RateLimiterAbstract> {
    let existing = limiters.get(name);
    if (!existing) {
      existing = createLimiter(name, rule);
      existing.catch(() => limiters.delete(name)); // a failed start is retried by the next request
      limiters.set(name, existing);
    }
    return existing;
  }

  return {
    async consume(name, key) {
      const rule = options.rule(name);
      if (!rule) return { allowed: true };
      try {
        await (await limiter(name, rule)).consume(addressKey(key));
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
          };
        }
        console.error(
          `rate limit store: ${name} could not be checked: ${describeError(rejection)}`,
        );
        throw new AppError(
          "retry_later",
          "We cannot take this request just now. Please try again in a minute.",
          undefined,
          60,
        );
      }
    },
    async close() {
      redis?.disconnect();
      await pool?.end();
    },
  };
}

let defaultStore: RateLimitStore | undefined;

function store(): RateLimitStore {
  if (!defaultStore) {
    const config = env();
    defaultStore = createRateLimitStore({
      redisUrl: config.REDIS_URL,
      databaseUrl: config.DATABASE_URL,
      rule: (name) => limitRule(name, config),
    });
  }
  return defaultStore;
}

/**
 * For tests: closes the store that consume() made from env() and forgets it, so that the next consume() makes
 * one from the configuration as it is then (after setEnvForTests).
 */
export async function resetRateLimitStoreForTests(): Promise<void> {
  const current = defaultStore;
  defaultStore = undefined;
  await current?.close();
}

/**
 * Spends one point of `key`'s budget; when it is spent, says how long until the window frees up. A key that is
 * an IP address counts by addressKey (an IPv6 address by its /64). Throws AppError("retry_later") when the
 * limit cannot be checked at all.
 */
export function consume(name: LimitName, key: string): Promise<LimitResult> {
  return store().consume(name, key);
}

/**
 * Spends each budget in turn; the first one spent ends the request with 429, its Retry-After, and the
 * message with when to try again ("… Please try again in about 9 minutes.").
 */
export async function enforce(
  limits: ReadonlyArray<readonly [LimitName, string]>,
  message: string,
): Promise<void> {
  for (const [name, key] of limits) {
    const verdict = await consume(name, key);
    if (!verdict.allowed) {
      throw new AppError(
        "rate_limited",
        `${message} Please try again ${tryAgainIn(verdict.retryAfterSeconds)}.`,
        undefined,
        verdict.retryAfterSeconds,
      );
    }
  }
}

/** The client's address under the configured trust model (TRUST_PROXY; see client-address.ts). */
export function clientIp(request: Request): string {
  return clientAddressFrom(request.headers, env().trustProxy);
}
