import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { route } from "../http/respond";
import { exportPayments } from "./exports";
import { paymentFilters, type PaymentFilters } from "./filters";
import { eachPayment, listPayments } from "./payments";

// The staff check reads next-auth's session from Next's request context; here every caller is staff.
vi.mock("../auth/require", () => ({
  requireStaffApi: async () => ({
    id: "staff",
    email: "staff@example.com",
    name: null,
    role: "STAFF",
  }),
}));

setUpTestBackends();

const at = (iso: string) => new Date(iso);

// Written in one order (a seed, a backfill or a late webhook writes rows long after the money moved), paid in
// another. A failed payment never paid: it happened when it was recorded.
const PAYMENTS = [
  { stripeId: "pi_sep", createdAt: at("2026-12-01T09:00:00Z"), paidAt: at("2026-09-10T12:00:00Z") },
  { stripeId: "pi_dec", createdAt: at("2026-11-01T09:00:00Z"), paidAt: at("2026-12-01T08:00:00Z") },
  { stripeId: "pi_failed_nov", createdAt: at("2026-11-15T10:00:00Z"), paidAt: null },
  { stripeId: "pi_oct", createdAt: at("2026-12-01T10:00:00Z"), paidAt: at("2026-10-05T23:59:59Z") },
  {
    stripeId: "pi_oct_b",
    createdAt: at("2026-09-01T00:00:00Z"),
    paidAt: at("2026-10-05T23:59:59Z"),
  },
];
const NEWEST_FIRST_BY_MONEY = ["pi_dec", "pi_failed_nov", "pi_oct?", "pi_oct?", "pi_sep"];

beforeAll(async () => {
  const supporter = await db.supporter.create({ data: { email: "when@example.org" } });
  for (const p of PAYMENTS)
    await db.payment.create({
      data: {
        ...p,
        supporterId: supporter.id,
        kind: "ONE_TIME",
        status: p.paidAt ? "SUCCEEDED" : "FAILED",
        amount: 1000,
        currency: "USD",
      },
    });
});

const stripeIds = async (f: PaymentFilters, pageSize = 50) =>
  (await listPayments(db, f, pageSize)).rows.map((r) => r.stripeId);
/** The two payments paid in the same millisecond come in id order; the test does not care which is which. */
const shape = (ids: string[]) => ids.map((id) => (id.startsWith("pi_oct") ? "pi_oct?" : id));

describe("the payments list is in the order the money moved", () => {
  it("newest first and oldest first by paidAt (createdAt for a payment that never paid)", async () => {
    expect(shape(await stripeIds({}))).toEqual(NEWEST_FIRST_BY_MONEY);
    expect(shape(await stripeIds({ sort: "oldest" }))).toEqual(
      [...NEWEST_FIRST_BY_MONEY].reverse(),
    );
  });

  it("each row says when it happened", async () => {
    const { rows } = await listPayments(db, {});
    const dec = rows.find((r) => r.stripeId === "pi_dec")!;
    expect(dec.occurredAt).toEqual(at("2026-12-01T08:00:00Z"));
    const failed = rows.find((r) => r.stripeId === "pi_failed_nov")!;
    expect(failed.occurredAt).toEqual(at("2026-11-15T10:00:00Z"));
  });

  it.each<[string, PaymentFilters, string[]]>([
    [
      "a one-day range finds what was paid that day",
      { from: "2026-10-05", to: "2026-10-05" },
      ["pi_oct?", "pi_oct?"],
    ],
    ["not what was written that day", { from: "2026-12-01", to: "2026-12-01" }, ["pi_dec"]],
    [
      "a failed payment by when it failed",
      { from: "2026-11-15", to: "2026-11-15" },
      ["pi_failed_nov"],
    ],
    ["from only", { from: "2026-11-01" }, ["pi_dec", "pi_failed_nov"]],
    ["to only", { to: "2026-09-30" }, ["pi_sep"]],
  ])("from/to: %s", async (_, f, expected) => {
    expect(shape(await stripeIds(f))).toEqual(expected);
  });

  it.each<["newest" | "oldest"]>([["newest"], ["oldest"]])(
    "pages (%s first) through every payment once, in that order, ties included",
    async (sort) => {
      const seen: string[] = [];
      let after: PaymentFilters["after"];
      for (let pages = 0; pages < 10; pages++) {
        const { rows, next } = await listPayments(db, { sort, after }, 1);
        seen.push(...rows.map((r) => r.stripeId));
        if (!next) break;
        after = paymentFilters.parse({ after: next }).after; // the page link, as the next request parses it
      }
      expect(seen).toEqual(await stripeIds({ sort }));
      const batched: string[] = [];
      for await (const p of eachPayment(db, { sort }, 2)) batched.push(p.stripeId);
      expect(batched).toEqual(seen);
    },
  );

  it("the CSV export filters and orders the same way", async () => {
    const handler = route((r: Request) => exportPayments(db, r));
    const response = await handler(
      new Request("http://app.test/api/staff/export/payments?from=2026-10-01&to=2026-12-31"),
    );
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split(/\r?\n/).slice(1);
    expect(shape(lines.map((l) => l.split(",")[1]!.replaceAll('"', "")))).toEqual([
      "pi_dec",
      "pi_failed_nov",
      "pi_oct?",
      "pi_oct?",
    ]);
  });
});
