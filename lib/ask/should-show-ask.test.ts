import { describe, expect, it } from "vitest";
import { countImpression, decideAsk, withRemindLater } from "./should-show-ask";
import { deferredChoice, encodeReaderState, newReaderState, readReaderState } from "./reader-state";

const DAY = 86_400;
const now = 1_800_000_000;

describe("decideAsk", () => {
  const reader = newReaderState();

  it("asks a new reader", () => {
    expect(decideAsk(reader, "none", now, 5)).toEqual({
      show: true,
      variant: "default",
      reason: "ask",
    });
  });

  it("respects remind-me-later until the chosen time, then asks again", () => {
    const remindLater = { ...reader, d: now + 7 * DAY };
    expect(decideAsk(remindLater, "none", now, 5)).toMatchObject({
      show: false,
      reason: "remind-later",
      remindLaterUntil: now + 7 * DAY,
    });
    expect(decideAsk(remindLater, "none", now + 7 * DAY - 1, 5).show).toBe(false);
    expect(decideAsk(remindLater, "none", now + 7 * DAY, 5)).toMatchObject({ show: true });
  });

  it("thanks members and recent donors instead of asking", () => {
    expect(decideAsk(reader, "member", now, 5)).toEqual({
      show: false,
      variant: "thanks",
      reason: "supporter",
    });
    expect(decideAsk(reader, "recent-donor", now, 5)).toMatchObject({
      show: false,
      variant: "thanks",
    });
  });

  it("asks lapsed members to renew", () => {
    expect(decideAsk(reader, "lapsed", now, 5)).toEqual({
      show: true,
      variant: "renew",
      reason: "ask",
    });
  });

  it("caps impressions per rolling 30 days", () => {
    let state = reader;
    for (let i = 0; i < 5; i++) state = countImpression(state, now + i);
    expect(state).toMatchObject({ n: 5, w: now });
    expect(decideAsk(state, "none", now + DAY, 5)).toMatchObject({ show: false, reason: "capped" });
    expect(decideAsk(state, "none", now + 30 * DAY, 5)).toMatchObject({ show: true });
    expect(countImpression(state, now + 30 * DAY)).toMatchObject({ n: 1, w: now + 30 * DAY });
  });

  it("keeps the reader's choice with a remind-later, and the cookie reads it back", () => {
    const deferred = withRemindLater(reader, now + DAY, {
      frequency: "ANNUAL",
      currency: "USD",
      amount: 10000,
    });
    expect(deferred).toMatchObject({ d: now + DAY, c: { f: "ANNUAL", c: "USD", a: 10000 } });
    const secret = "k".repeat(32);
    const { state } = readReaderState(encodeReaderState(deferred, secret), secret);
    expect(deferredChoice(state)).toEqual({
      frequency: "ANNUAL",
      currency: "USD",
      amount: "10000",
    });
    // Without a complete choice nothing is kept (and an earlier one is replaced).
    expect(withRemindLater(deferred, now + 2 * DAY, { frequency: "ONCE" }).c).toBeUndefined();
  });
});
