import { get } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { emulatorLinks } from "../../lib/seed/stripe-accounts";
import { startEmulator, type RunningEmulator } from "@reader-revenue/stripe-emulator/server";
import { seedEmulator } from "./seed-emulator";
import { db } from "../../lib/db";
import { seed, seedDemoAccounts } from "../../lib/seed/seed";
import { createPortalSession } from "../../lib/account/portal";
import { setEnvForTests } from "../../lib/env";

/**
 * `npm run db:seed` in test mode: every seeded reader's Stripe objects exist in the emulator, so each one with a
 * membership can open the portal and every recorded receipt or invoice link opens, whether the emulator was
 * running during the seed (its import helper) or not (its state file, loaded when it starts).
 */
let database: TestDatabase;
let dir: string;
/** Both tests seed the same database, so they use one emulator address (the seed keeps a payment's first link). */
let port = 0;

const status = (url: string) =>
  new Promise<number>((resolve, reject) =>
    get(url, { agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on(
      "error",
      reject,
    ),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  setEnvForTests({ DATABASE_URL: database.url });
  dir = mkdtempSync(join(tmpdir(), "seed-emulator-"));
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function seedAll(emulatorUrl: string) {
  const links = emulatorLinks(emulatorUrl);
  const result = await seed(db, { supporters: 40, links });
  return [...result.stripe, ...(await seedDemoAccounts(db, new Date(), links))];
}

async function everyReaderCanUseIt(emulator: RunningEmulator) {
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: Number(new URL(emulator.url).port),
    protocol: "http",
  });
  const memberships = await db.membership.findMany({
    where: { endedAt: null },
    select: { id: true, supporterId: true },
  });
  expect(memberships.length).toBeGreaterThan(5);
  for (const m of memberships) {
    const url = await createPortalSession(
      { db, stripe, appUrl: "http://127.0.0.1:3000" },
      m.supporterId,
      m.id,
    );
    expect(await status(url)).toBe(200);
  }
  const payments = await db.payment.findMany({
    where: { receiptUrl: { not: null } },
    select: { receiptUrl: true },
  });
  expect(payments.length).toBeGreaterThan(20);
  for (const p of payments)
    expect([p.receiptUrl, await status(p.receiptUrl!)]).toEqual([p.receiptUrl, 200]);
}

describe("seeding the emulator", () => {
  it("into a running emulator, through its import helper", async () => {
    const emulator = await startEmulator({
      port: 0,
      webhookUrl: null,
      webhookSecret: "whsec_test",
      log: () => {},
    });
    port = Number(new URL(emulator.url).port);
    try {
      const accounts = await seedAll(emulator.url);
      expect(await seedEmulator(accounts, emulator.url, join(dir, "unused.json"))).toBe(
        "running emulator",
      );
      await everyReaderCanUseIt(emulator);
      const demo = await emulator.emulator.store.subscriptions.get("sub_seed_demo_reader");
      expect(demo).toMatchObject({ status: "active", customer: "cus_seed_demo_reader" });
    } finally {
      await emulator.close();
    }
  });

  it("into the state file when no emulator runs; the emulator loads it when it starts", async () => {
    const statePath = join(dir, "stripe-emulator.json");
    const url = `http://127.0.0.1:${port}`; // the first test's emulator has stopped: nothing answers there
    const accounts = await seedAll(url);
    expect(await seedEmulator(accounts, url, statePath)).toBe("state file");
    const emulator = await startEmulator({
      port,
      webhookUrl: null,
      webhookSecret: "whsec_test",
      statePath,
      log: () => {},
    });
    try {
      await everyReaderCanUseIt(emulator);
    } finally {
      await emulator.close();
    }
  });
});
