import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { db } from "../db";
import { exportPayments, exportSupporters } from "./exports";
import { route } from "../http/respond";
import { setEnvForTests } from "../env";

// The staff check reads next-auth's session from Next's request context; here every caller is staff.
vi.mock("../auth/require", () => ({
  requireStaffApi: async () => ({
    id: "staff",
    email: "staff@example.com",
    name: null,
    role: "STAFF",
  }),
}));

let database: TestDatabase;
let exportRoute: (kind: "payments" | "supporters", query: string) => Promise<Response>;

beforeAll(async () => {
  database = await createTestDatabase();
  setEnvForTests({ DATABASE_URL: database.url });
  const handlers = {
    payments: route((r: Request) => exportPayments(db, r)),
    supporters: route((r: Request) => exportSupporters(db, r)),
  };
  exportRoute = (kind, query) =>
    handlers[kind](new Request(`http://app.test/api/staff/export/${kind}?${query}`));
  const supporter = await db.supporter.create({ data: { email: "giver@example.com" } });
  await db.payment.create({
    data: {
      stripeId: "in_1",
      supporterId: supporter.id,
      kind: "ONE_TIME",
      status: "SUCCEEDED",
      amount: 2500,
      currency: "USD",
      paidAt: new Date("2026-05-01T00:00:00Z"),
    },
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const cursor = (text: string) => Buffer.from(text).toString("base64url");

describe("CSV exports with dates PostgreSQL cannot hold", () => {
  for (const kind of ["payments", "supporters"] as const) {
    it(`${kind}: 400 with a message before streaming, not a download cut off mid-way`, async () => {
      for (const query of [
        "from=0000-01-01",
        "to=9999-12-31",
        `after=${cursor("-271821-04-20T00:00:00.000Z|x")}`,
      ]) {
        const response = await exportRoute(kind, query);
        expect(response.status, query).toBe(400);
        expect(response.headers.get("content-type"), query).toContain("application/json");
        expect(
          ((await response.json()) as { error: { message: string } }).error.message,
          query,
        ).toMatch(/Use a date between|Not a valid page link/);
      }
      const ok = await exportRoute(kind, "from=2026-01-01");
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("giver@example.com");
    });
  }
});
