import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { readCookie } from "../http/cookies";
import { errorResponse, isFormPost, parseInput, readInput, type FormFlag } from "../http/pipeline";
import { seeOther } from "../http/respond";
import { parseReturnTo, returnPolicy } from "../http/return-to";
import { withChosenAmount } from "../checkout/checkout-request";
import { parseMajorAmount } from "./amounts";
import { clientIp, enforce } from "../security/rate-limit";
import { withRemindLater } from "./should-show-ask";
import {
  remindLaterDays,
  remindLaterRequestSchema,
  remindLaterDoneUrl,
  recordRemindLater,
} from "./remind-later";
import { publishedAsk } from "./published";
import { askNow, corsHeaders, readReader, writeReader } from "./http";

/** Only paths on our own site (the embed answers in JSON): a form's returnTo must not be an open redirect. */
function safeReturn(returnTo: unknown): string {
  const back = parseReturnTo(returnTo, returnPolicy());
  return back?.kind === "path" ? back.path : "/demo/article";
}

/**
 * Without JavaScript, "Remind me" posts the ask's own form: the amount is the showing group's preset, or the
 * typed one with "Other" (in minor units, as the reminder keeps it); one that does not read is left out.
 */
function withAskChoice(input: unknown): unknown {
  const fields = withChosenAmount(input);
  if (fields.amount === "other") {
    const minor = parseMajorAmount(String(fields.otherAmount ?? ""), String(fields.currency ?? ""));
    fields.amount = minor === null ? undefined : String(minor);
  }
  return fields;
}

/** A no-JavaScript post comes back to its page, which shows why (see lib/ask/page-state.ts's remindNotice). */
const backTo = (input: unknown) => (flag: FormFlag) => {
  const url = new URL(
    safeReturn((input as { returnTo?: unknown } | null)?.returnTo),
    env().APP_URL,
  );
  url.searchParams.set("remind", flag.kind);
  if (flag.kind === "limited") url.searchParams.set("retry", String(flag.retryAfterSeconds));
  else url.searchParams.delete("retry");
  return url;
};

/**
 * POST /api/ask/remind-later: "Remind me later". Stored in the database (to follow the reader once known, and
 * to send an opted-in reminder) and in the reader's cookie (so the next decision needs no query).
 */
export async function handleRemindLater(request: Request): Promise<Response> {
  const cors = corsHeaders(request);
  let input: unknown;
  try {
    if (!cors) throw new AppError("forbidden", "This origin may not embed the ask.");
    // Read (at most 4 KB) first, so a limited form post still knows which page to go back to.
    ({ input } = await readInput(request, { maxBytes: 4096, accept: ["form", "json"] }));
    await enforce([["forms-ip", clientIp(request)]], "Too many requests from this connection.");
    const data = parseInput(remindLaterRequestSchema, withAskChoice(input));
    const days = remindLaterDays((await publishedAsk()).settings, data.choice);
    if (days === null)
      throw new AppError("invalid_input", "Please correct the highlighted fields.", {
        choice: "Choose when we should ask again.",
      });

    const { state, context } = readReader(request);
    const now = askNow((name) => readCookie(request, name));
    const { until, reminder, confirm } = await recordRemindLater(db, {
      ...data,
      readerKey: state.k,
      supporterId: state.p,
      now: new Date(now * 1000),
      clientAddress: clientIp(request),
      days,
    });
    const untilSeconds = Math.floor(until.getTime() / 1000);
    const response = isFormPost(request)
      ? seeOther(remindLaterDoneUrl(env().APP_URL, safeReturn(data.returnTo), confirm))
      : Response.json({ until: until.toISOString(), reminder, confirm }, { headers: cors });
    writeReader(response, withRemindLater(state, untilSeconds, data), context);
    return response;
  } catch (error) {
    return errorResponse(error, {
      headers: cors ?? {},
      form: isFormPost(request),
      back: backTo(input),
    });
  }
}
