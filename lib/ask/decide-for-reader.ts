import { db } from "../db";
import { env } from "../env";
import { decideAsk, type AskDecision } from "./should-show-ask";
import type { ReaderState } from "./reader-state";
import { knownReaderStatus } from "./supporter-status";

/**
 * The ask decision for a reader. Anonymous readers are decided from their cookie alone; only a browser that
 * has paid (or a signed-in reader) is looked up, to thank members and follow remind-laters across devices.
 */
export async function decideForReader(
  state: ReaderState,
  now: number,
  signedInSupporterId?: string | null,
): Promise<AskDecision> {
  const supporterId = signedInSupporterId ?? state.p;
  const max = env().ASK_MAX_IMPRESSIONS;
  if (!supporterId) return decideAsk(state, "none", now, max);
  const known = await knownReaderStatus(db, supporterId, new Date(now * 1000));
  const remindLaterUntil = Math.max(state.d ?? 0, known.remindLaterUntil ?? 0) || undefined;
  return decideAsk(state, known.status, now, max, remindLaterUntil);
}
