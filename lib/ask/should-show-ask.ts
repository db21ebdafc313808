import { CAP_WINDOW_DAYS, type Variant } from "./config";
import type { ReaderState } from "./reader-state";
import type { Currency, Frequency } from "./amounts";

export type SupporterStatus = "member" | "recent-donor" | "lapsed" | "none";

export type AskDecision = {
  show: boolean;
  /** "thanks": a supporter, shown a short thank-you (or nothing) instead of the ask. */
  variant: Variant | "thanks";
  reason: "ask" | "remind-later" | "capped" | "supporter";
  remindLaterUntil?: number;
};

const DAY = 24 * 60 * 60;

function capReached(state: ReaderState, now: number, maxImpressions: number): boolean {
  return (
    state.w !== undefined && now < state.w + CAP_WINDOW_DAYS * DAY && state.n >= maxImpressions
  );
}

/** Whether to show the ask, and which one. Pure: the caller brings the cookie's state and the clock. */
export function decideAsk(
  state: ReaderState,
  supporter: SupporterStatus,
  now: number,
  maxImpressions: number,
  remindLaterUntil = state.d,
): AskDecision {
  if (supporter === "member" || supporter === "recent-donor")
    return { show: false, variant: "thanks", reason: "supporter" };
  const variant: Variant = supporter === "lapsed" ? "renew" : "default";
  if (remindLaterUntil !== undefined && now < remindLaterUntil)
    return { show: false, variant, reason: "remind-later", remindLaterUntil };
  if (capReached(state, now, maxImpressions)) return { show: false, variant, reason: "capped" };
  return { show: true, variant, reason: "ask" };
}

/** Counts one impression toward the cap; a window that has run out starts again. */
export function countImpression(state: ReaderState, now: number): ReaderState {
  const windowOpen = state.w !== undefined && now < state.w + CAP_WINDOW_DAYS * DAY;
  return windowOpen ? { ...state, n: state.n + 1 } : { ...state, w: now, n: 1 };
}

export function withRemindLater(
  state: ReaderState,
  until: number,
  choice?: { frequency?: Frequency; currency?: Currency; amount?: number },
): ReaderState {
  const kept =
    choice?.frequency && choice.currency && choice.amount
      ? { f: choice.frequency, c: choice.currency, a: choice.amount }
      : undefined;
  return { ...state, d: until, c: kept };
}
