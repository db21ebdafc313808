import { describe, expect, it } from "vitest";
import { laterPaymentStatus, refundStatus, shouldApplySnapshot } from "./ordering";

const t = (s: number) => new Date(s * 1000);

describe("shouldApplySnapshot", () => {
  it("applies anything to a membership we do not hold yet", () => {
    expect(shouldApplySnapshot(null, { status: "PAST_DUE", stateAt: t(1) })).toBe(true);
  });

  it("ignores an older snapshot that arrives late", () => {
    expect(shouldApplySnapshot({ status: "PAST_DUE", stateAt: t(20) }, { status: "ACTIVE", stateAt: t(10) })).toBe(false);
    expect(shouldApplySnapshot({ status: "ACTIVE", stateAt: t(10) }, { status: "PAST_DUE", stateAt: t(20) })).toBe(true);
  });

  it("never revives an ended subscription, whatever the timestamps say", () => {
    expect(shouldApplySnapshot({ status: "CANCELED", stateAt: t(10) }, { status: "ACTIVE", stateAt: t(99) })).toBe(false);
    expect(shouldApplySnapshot({ status: "ACTIVE", stateAt: t(99) }, { status: "CANCELED", stateAt: t(10) })).toBe(true);
    expect(shouldApplySnapshot({ status: "INCOMPLETE", stateAt: t(50) }, { status: "INCOMPLETE_EXPIRED", stateAt: t(40) })).toBe(true);
  });

  it("breaks a same-second tie by lifecycle order", () => {
    expect(shouldApplySnapshot({ status: "ACTIVE", stateAt: t(5) }, { status: "INCOMPLETE", stateAt: t(5) })).toBe(false);
    expect(shouldApplySnapshot({ status: "INCOMPLETE", stateAt: t(5) }, { status: "ACTIVE", stateAt: t(5) })).toBe(true);
    expect(shouldApplySnapshot({ status: "ACTIVE", stateAt: t(5) }, { status: "ACTIVE", stateAt: t(5) })).toBe(true);
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
