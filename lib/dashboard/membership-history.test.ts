import { describe, expect, it } from "vitest";
import {
  membershipEntries,
  type MembershipFacts,
  type MembershipChangeState,
} from "./membership-history";

const t = (iso: string) => new Date(`2026-${iso}Z`);
const state = (at: string, over: Partial<MembershipChangeState> = {}): MembershipChangeState => ({
  at: t(at),
  status: "ACTIVE",
  interval: "MONTH",
  amount: 1000,
  currency: "USD",
  cancelAtPeriodEnd: false,
  ...over,
});
const facts = (over: Partial<MembershipFacts> = {}): MembershipFacts => ({
  startedAt: t("09-01T10:00:00"),
  endedAt: null,
  status: "ACTIVE",
  interval: "MONTH",
  amount: 1500,
  currency: "USD",
  cancelAtPeriodEnd: false,
  ...over,
});
const texts = (entries: { text: string; detail?: string }[]) =>
  entries.map((e) => (e.detail ? `${e.text} [${e.detail}]` : e.text));

describe("membershipEntries", () => {
  it("starts at the amount then in force, then shows each change of amount", () => {
    const history = [
      state("10-05T09:00:00", { amount: 1500 }),
      state("09-01T10:00:00", { status: "INCOMPLETE" }),
      state("09-01T10:00:01"),
    ];
    expect(texts(membershipEntries(facts(), history))).toEqual([
      "Monthly membership started [1000|USD]",
      "Monthly membership: changed to $15 per month (was $10 per month) [1500|USD]",
    ]);
  });

  it("shows a change of interval, payment trouble and recovery, and a cancellation set and withdrawn", () => {
    const history = [
      state("09-01T10:00:00"),
      state("10-01T10:00:00", { status: "PAST_DUE" }),
      state("10-03T10:00:00"),
      state("11-01T10:00:00", { cancelAtPeriodEnd: true }),
      state("11-02T10:00:00"),
      state("11-03T10:00:00", { interval: "YEAR", amount: 10000 }),
    ];
    expect(texts(membershipEntries(facts({ interval: "YEAR", amount: 10000 }), history))).toEqual([
      "Monthly membership started [1000|USD]",
      "Monthly membership payment past due",
      "Monthly membership: payment recovered",
      "Monthly membership set to cancel at period end",
      "Monthly membership: cancellation withdrawn",
      "Annual membership: changed to $100 per year (was $10 per month) [10000|USD]",
    ]);
  });

  it("does not call a subscription whose first payment never went through 'started'", () => {
    const history = [
      state("09-01T10:00:00", { status: "INCOMPLETE" }),
      state("09-02T10:00:00", { status: "INCOMPLETE_EXPIRED" }),
    ];
    const entries = membershipEntries(
      facts({ status: "INCOMPLETE_EXPIRED", endedAt: t("09-02T10:00:00") }),
      history,
    );
    expect(texts(entries)).toEqual([
      "Monthly membership not started: the first payment did not go through [1000|USD]",
    ]);
  });

  it("ends with the end, and reads a membership without history as it is now", () => {
    const ended = facts({ status: "CANCELED", endedAt: t("12-01T00:00:00") });
    expect(
      texts(
        membershipEntries(ended, [
          state("09-01T10:00:00"),
          state("12-01T00:00:00", { status: "CANCELED" }),
        ]),
      ),
    ).toEqual(["Monthly membership started [1000|USD]", "Monthly membership ended (canceled)"]);
    expect(texts(membershipEntries(facts(), []))).toEqual([
      "Monthly membership started [1500|USD]",
    ]);
  });
});
