import { describe, expect, it } from "vitest";
import { decideSnapshot, laterPaymentStatus, refundStatus } from "./ordering";

const t = (s: number) => new Date(s * 1000);

describe("decideSnapshot", () => {
  it("applies anything to a membership we do not hold yet", () => {
    expect(decideSnapshot(null, { status: "PAST_DUE", stateAt: t(1) })).toBe("apply");
  });

  it("skips an older snapshot that arrives late and applies a newer one", () => {
    expect(
      decideSnapshot({ status: "PAST_DUE", stateAt: t(20) }, { status: "ACTIVE", stateAt: t(10) }),
    ).toBe("skip");
    expect(
      decideSnapshot({ status: "ACTIVE", stateAt: t(10) }, { status: "PAST_DUE", stateAt: t(20) }),
    ).toBe("apply");
  });

  it("never revives an ended subscription, whatever the timestamps say", () => {
    expect(
      decideSnapshot({ status: "CANCELED", stateAt: t(10) }, { status: "ACTIVE", stateAt: t(99) }),
    ).toBe("skip");
    expect(
      decideSnapshot({ status: "ACTIVE", stateAt: t(99) }, { status: "CANCELED", stateAt: t(10) }),
    ).toBe("apply");
    expect(
      decideSnapshot(
        { status: "INCOMPLETE", stateAt: t(50) },
        { status: "INCOMPLETE_EXPIRED", stateAt: t(40) },
      ),
    ).toBe("apply");
  });

  it("applies a same-second snapshot of the same state, and re-reads when two states share a second", () => {
    expect(
      decideSnapshot({ status: "ACTIVE", stateAt: t(5) }, { status: "ACTIVE", stateAt: t(5) }),
    ).toBe("apply");
    expect(
      decideSnapshot({ status: "PAST_DUE", stateAt: t(5) }, { status: "ACTIVE", stateAt: t(5) }),
    ).toBe("reread");
    expect(
      decideSnapshot({ status: "ACTIVE", stateAt: t(5) }, { status: "INCOMPLETE", stateAt: t(5) }),
    ).toBe("reread");
  });

  it("re-reads when two snapshots of one status share a second but differ (two renewals, an amount change)", () => {
    const held = {
      status: "ACTIVE" as const,
      stateAt: t(5),
      amount: 1000,
      currentPeriodEnd: t(1000),
      cancelAtPeriodEnd: false,
    };
    expect(decideSnapshot(held, { ...held, currentPeriodEnd: t(2000) })).toBe("reread");
    expect(decideSnapshot(held, { ...held, amount: 2500 })).toBe("reread");
    expect(decideSnapshot(held, { ...held, cancelAtPeriodEnd: true })).toBe("reread");
    expect(decideSnapshot(held, { ...held, currentPeriodEnd: new Date(t(1000)) })).toBe("apply");
    expect(decideSnapshot(held, { ...held, stateAt: t(6), amount: 2500 })).toBe("apply");
  });
});

describe("payment status", () => {
  it("only moves forward", () => {
    expect(laterPaymentStatus("SUCCEEDED", "FAILED")).toBe("SUCCEEDED");
    expect(laterPaymentStatus("FAILED", "SUCCEEDED")).toBe("SUCCEEDED");
    expect(laterPaymentStatus("REFUNDED", "SUCCEEDED")).toBe("REFUNDED");
    expect(laterPaymentStatus("PENDING", "FAILED")).toBe("FAILED");
  });

  it("derives refund status from the cumulative refunded amount", () => {
    expect(refundStatus(2500, 0)).toBe("SUCCEEDED");
    expect(refundStatus(2500, 1000)).toBe("PARTIALLY_REFUNDED");
    expect(refundStatus(2500, 2500)).toBe("REFUNDED");
  });
});
