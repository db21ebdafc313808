import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { setEnvForTests } from "../env";
import { isAppError } from "../errors/app-error";
import {
  consume,
  createRateLimitStore,
  resetRateLimitStoreForTests,
  type LimitName,
  type RateLimitStore,
} from "./rate-limit";

/** Against the machine's real Redis (127.0.0.1:6379, keys under a prefix of this run) and an unreachable port. */
const REDIS = "redis://127.0.0.1:6379";
const UNREACHABLE = "redis://127.0.0.1:1";
const prefix = `test-${randomUUID().slice(0, 8)}:`;
const rule = () => ({ points: 2, durationSeconds: 600 });
const backends = setUpTestBackends();
let admin: Redis;
const stores: RateLimitStore[] = [];

function store(options: Partial<Parameters<typeof createRateLimitStore>[0]>): RateLimitStore {
  const created = createRateLimitStore({
    keyPrefix: prefix,
    rule,
    redisReadyTimeoutMs: 500,
    ...options,
  });
  stores.push(created);
  return created;
}

async function spend(
  limits: RateLimitStore,
  key: string,
  times: number,
  name: LimitName = "checkout-ip",
): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < times; i++) out.push((await limits.consume(name, key)).allowed);
  return out;
}

/** The app's own consume(), configured from the environment as at start-up, now with `redisUrl`. */
async function configureApp(redisUrl: string): Promise<void> {
  await resetRateLimitStoreForTests();
  setEnvForTests({ REDIS_URL: redisUrl, RATE_LIMIT_CHECKOUT_PER_IP: "2" });
}

beforeAll(async () => {
  admin = new Redis(REDIS);
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterAll(async () => {
  await resetRateLimitStoreForTests();
  await Promise.all(stores.map((s) => s.close()));
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length) await admin.del(...keys);
  admin.disconnect();
});

describe("rate limits with REDIS_URL", () => {
  it("counts in Redis from the very first requests after start (the app's own consume, as configured)", async () => {
    await configureApp(REDIS);
    const key = `${prefix}first`;
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await consume("checkout-ip", key)).allowed);
    expect(results).toEqual([true, true, false]);
    expect(await admin.exists(`checkout-ip:${key}`)).toBe(1);
    await admin.del(`checkout-ip:${key}`);
  });

  it("with Redis unreachable, the app's own consume still answers (the insurance limiter counts)", async () => {
    await configureApp(UNREACHABLE);
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push((await consume("checkout-ip", `${prefix}down`)).allowed);
    expect(results).toEqual([true, true, false]);
  });

  it("with Redis unreachable, counts in PostgreSQL instead, still shared by every instance", async () => {
    const [a, b] = [
      store({ redisUrl: UNREACHABLE, databaseUrl: backends.database.url }),
      store({ redisUrl: UNREACHABLE, databaseUrl: backends.database.url }),
    ];
    expect([
      ...(await spend(a, "198.51.100.20", 1)),
      ...(await spend(b, "198.51.100.20", 2)),
    ]).toEqual([true, true, false]);
  });

  it("keeps answering while the connection is lost and comes back, and returns to Redis after", async () => {
    const limits = store({
      redisUrl: REDIS,
      databaseUrl: backends.database.url,
      keyPrefix: `${prefix}reconnect:`,
    });
    expect(await spend(limits, "198.51.100.30", 1)).toEqual([true]);
    const clients = (await admin.client("LIST")) as string;
    const ours = clients
      .split("\n")
      .filter((line) => line.includes(`name=${prefix}reconnect:rate-limits`));
    expect(ours).toHaveLength(1);
    await admin.client("KILL", "ID", /id=(\d+)/.exec(ours[0]!)![1]!);
    // Right after the drop: no error, the fallback answers.
    expect(await spend(limits, "198.51.100.31", 2)).toEqual([true, true]);
    // Once reconnected (ioredis retries by itself), counting is back in Redis.
    let attempt = 0;
    await vi.waitFor(
      async () => {
        const key = `198.51.100.${100 + attempt++}`;
        expect((await limits.consume("checkout-ip", key)).allowed).toBe(true);
        expect(await admin.exists(`${prefix}reconnect:checkout-ip:${key}`)).toBe(1);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("when no store answers, refuses with retry_later (503) rather than letting the request through", async () => {
    const limits = store({
      redisUrl: undefined,
      databaseUrl: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=1",
    });
    const error = await limits.consume("checkout-ip", "198.51.100.40").catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("retry_later");
    expect(isAppError(error) && error.status).toBe(503);
  });
});
