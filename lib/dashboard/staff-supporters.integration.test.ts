import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { grantStaff } from "../auth/staff-members";
import { isListedSupporter } from "../rules/supporter";
import { exportSupporters } from "./exports";
import { route } from "../http/respond";
import { listSupporters, supporterTotals } from "./supporters";

// The export's staff check reads next-auth's session from Next's request context; here every caller is staff.
vi.mock("../auth/require", () => ({
  requireStaffApi: async () => ({ id: "staff", email: "boss@x.test", name: null, role: "ADMIN" }),
}));

setUpTestBackends();

const exportCsv = route((r: Request) => exportSupporters(db, r));

beforeAll(async () => {
  await db.supporter.create({ data: { email: "boss@x.test", role: "ADMIN" } });
  await grantStaff(db, "editor@x.test"); // added at /dashboard/staff, never gave
  await db.supporter.create({ data: { email: "reader@x.test" } }); // signed in or deferred: a reader
  const giver = await db.supporter.create({
    data: { email: "giving-staff@x.test", role: "STAFF" },
  });
  await db.payment.create({
    data: {
      stripeId: "pi_staff",
      supporterId: giver.id,
      kind: "ONE_TIME",
      status: "SUCCEEDED",
      amount: 1500,
      currency: "USD",
      paidAt: new Date(),
    },
  });
  const member = await db.supporter.create({
    data: { email: "member-admin@x.test", role: "ADMIN" },
  });
  await db.membership.create({
    data: {
      stripeSubscriptionId: "sub_admin",
      stripeCustomerId: "cus_admin",
      supporterId: member.id,
      status: "ACTIVE",
      interval: "MONTH",
      amount: 1000,
      currency: "EUR",
      startedAt: new Date(),
      stateAt: new Date(),
    },
  });
});

const SUPPORTERS = ["giving-staff@x.test", "member-admin@x.test", "reader@x.test"];

describe("staff and admins who never gave are not supporters", () => {
  it("the rule: readers always, staff and admins once they have a payment or a membership", () => {
    expect(isListedSupporter("READER", false)).toBe(true);
    expect(isListedSupporter("STAFF", false)).toBe(false);
    expect(isListedSupporter("ADMIN", false)).toBe(false);
    expect(isListedSupporter("STAFF", true)).toBe(true);
    expect(isListedSupporter("ADMIN", true)).toBe(true);
  });

  it("in the list, its match count and totals, and the CSV export", async () => {
    const { rows } = await listSupporters(db, {});
    expect(rows.map((r) => r.email).sort()).toEqual(SUPPORTERS);
    expect(await supporterTotals(db, {})).toEqual({
      count: 3,
      currencies: [{ currency: "USD", payments: 1, collected: 1, amount: 1500, refunded: 0 }],
    });
    expect((await supporterTotals(db, { status: "none" })).count).toBe(2); // the reader and the giving staff
    expect((await listSupporters(db, { q: "editor" })).rows).toEqual([]);

    const csv = await (
      await exportCsv(new Request("http://app.test/api/staff/export/supporters"))
    ).text();
    const emails = csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => (line.split(",")[1] ?? "").replaceAll('"', ""))
      .sort();
    expect(emails).toEqual(SUPPORTERS);
  });
});
