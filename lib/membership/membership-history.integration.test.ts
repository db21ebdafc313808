import { describe, expect, it } from "vitest";
import { db, getSqlDb } from "../db";
import { setUpTestBackends } from "@/test/db/test-backends";
import { supporterTimeline } from "../dashboard/supporters";
import { applyMembershipSnapshot, type MembershipSnapshot } from "./memberships";

setUpTestBackends();

const t = (iso: string) => new Date(`2026-${iso}Z`);

function snapshot(over: Partial<MembershipSnapshot>): MembershipSnapshot {
  return {
    stripeSubscriptionId: "sub_history",
    stripeCustomerId: "cus_history",
    status: "ACTIVE",
    interval: "MONTH",
    amount: 1000,
    currency: "USD",
    currentPeriodEnd: t("10-01T10:00:00"),
    cancelAtPeriodEnd: false,
    startedAt: t("09-01T10:00:00"),
    endedAt: null,
    checkoutAttemptId: null,
    stateAt: t("09-01T10:00:00"),
    ...over,
  };
}

const noReread = async () => null;

describe("a membership's history", () => {
  it("keeps the amount it started at, each change in order, and a late older state as history", async () => {
    const supporter = await db.supporter.create({ data: { email: "history@example.org" } });
    const sql = getSqlDb();
    const apply = (over: Partial<MembershipSnapshot>) =>
      applyMembershipSnapshot(sql, supporter.id, snapshot(over), noReread);
    // Started at $10; the amount changed to $15 in October (a portal or API change); then its cancellation was
    // set in November. The November event arrives before the October one, and September's twice.
    await apply({});
    await apply({ amount: 1500, cancelAtPeriodEnd: true, stateAt: t("11-10T08:00:00") });
    await apply({ amount: 1500, stateAt: t("10-05T09:00:00") });
    await apply({});

    const membership = await db.membership.findUniqueOrThrow({
      where: { stripeSubscriptionId: "sub_history" },
      include: { changes: { orderBy: { at: "asc" } } },
    });
    expect(membership).toMatchObject({ amount: 1500, cancelAtPeriodEnd: true });
    expect(membership.changes.map((c) => [c.at, c.amount, c.cancelAtPeriodEnd])).toEqual([
      [t("09-01T10:00:00"), 1000, false],
      [t("10-05T09:00:00"), 1500, false],
      [t("11-10T08:00:00"), 1500, true],
    ]);
    // Its history holds two amounts: the overview corrects its MRR at moments before $15 took effect (October's
    // change, though November's event arrived first), and only those (overview.ts amountCorrection).
    expect(await db.membershipAmountVaries.findMany()).toEqual([
      { membershipId: membership.id, sinceAt: t("10-05T09:00:00") },
    ]);

    const { entries } = (await supporterTimeline(db, supporter.id))!;
    expect(entries.filter((e) => e.kind === "membership").map((e) => [e.text, e.detail])).toEqual([
      ["Monthly membership set to cancel at period end", undefined],
      ["Monthly membership: changed to $15 per month (was $10 per month)", "1500|USD"],
      ["Monthly membership started", "1000|USD"],
    ]);
  });

  it("says a subscription whose first payment never went through did not start", async () => {
    const supporter = await db.supporter.create({ data: { email: "never@example.org" } });
    const sql = getSqlDb();
    const over = { stripeSubscriptionId: "sub_never", stripeCustomerId: "cus_never" };
    await applyMembershipSnapshot(
      sql,
      supporter.id,
      snapshot({ ...over, status: "INCOMPLETE" }),
      noReread,
    );
    await applyMembershipSnapshot(
      sql,
      supporter.id,
      snapshot({
        ...over,
        status: "INCOMPLETE_EXPIRED",
        endedAt: t("09-02T10:00:00"),
        stateAt: t("09-02T10:00:00"),
      }),
      noReread,
    );
    const { entries } = (await supporterTimeline(db, supporter.id))!;
    expect(entries.filter((e) => e.kind === "membership").map((e) => e.text)).toEqual([
      "Monthly membership not started: the first payment did not go through",
    ]);
  });
});
