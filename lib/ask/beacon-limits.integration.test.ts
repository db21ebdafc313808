import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { encodeReaderState, FIRST_PARTY_COOKIE, newReaderState } from "./reader-state";
import { handleAskEvent as handle } from "./handle-event";
import { flushFunnelCounts } from "./funnel-buffer";
import { closeDb, db } from "../db";
import { setEnvForTests } from "../env";

/** POST /api/ask/event: one client cannot inflate the funnel by sending beacons in a loop. */
const APP = "http://127.0.0.1:3000";
const AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  delete process.env.REDIS_URL;
  setEnvForTests({
    APP_URL: APP,
    DATABASE_URL: database.url,
    RATE_LIMIT_BEACONS_PER_READER: "3",
    RATE_LIMIT_BEACONS_PER_IP: "5",
  });
});

afterAll(async () => {
  await flushFunnelCounts(); // the last tests' counts, before their database goes
  await closeDb();
  await database?.drop();
});

async function impressions(): Promise<number> {
  return (await db.askDailyStat.aggregate({ _sum: { impressions: true } }))._sum.impressions ?? 0;
}

const cookie = () =>
  `${FIRST_PARTY_COOKIE}=${encodeReaderState(newReaderState(), process.env.ASK_COOKIE_SECRET!)}`;

async function beacon(
  address: string,
  options: { cookie?: string; surface?: string } = {},
): Promise<number> {
  const response = await handle(
    new Request(`${APP}/api/ask/event`, {
      method: "POST",
      headers: {
        "content-type": "text/plain;charset=UTF-8",
        "user-agent": AGENT,
        "x-forwarded-for": address,
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: JSON.stringify({
        type: "impression",
        surface: options.surface ?? "article",
        variant: "default",
      }),
    }),
  );
  return response.status;
}

describe("beacon limits", () => {
  it("limits one browser's beacons, and a cookieless client's (they share its address's fresh-browser budget)", async () => {
    const reader = cookie();
    const withCookie = [];
    for (let i = 0; i < 4; i++) withCookie.push(await beacon("192.0.2.80", { cookie: reader }));
    expect(withCookie).toEqual([204, 204, 204, 429]);
    const without = [];
    for (let i = 0; i < 4; i++) without.push(await beacon("192.0.2.81"));
    expect(without).toEqual([204, 204, 204, 429]);
    await flushFunnelCounts(); // the counts are buffered: written with the next flush
    expect(await impressions()).toBe(6);
  });

  it("limits one address however many cookies it presents", async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push(await beacon("192.0.2.82", { cookie: cookie() }));
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429, 429]);
  });

  it("refuses unknown surfaces", async () => {
    expect(await beacon("192.0.2.83", { surface: "call-0800-scam-line" })).toBe(400);
  });
});
