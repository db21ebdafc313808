import { NextResponse, type NextRequest } from "next/server";
import { db } from "../db";
import { env } from "../env";
import { clientIp, consume, tooManyRequests } from "../security/rate-limit";
import { deferUntil } from "./decide";
import { isAppError } from "../errors/app-error";
import { deferralRefusedUrl, deferralRequestSchema, deferredUrl, recordDeferral, retryAfterHeader, type DeferralOutcome } from "./deferrals";
import { askNow, corsHeaders, readReader, writeReader } from "./http";

function withHeaders(response: Response, headers: Record<string, string>): NextResponse {
  return new NextResponse(response.body, { status: response.status, headers: { ...Object.fromEntries(response.headers), ...headers } });
}

/** Only paths on our own site: a form's returnTo must not turn us into an open redirect. */
function safeReturn(returnTo: string | undefined): string {
  return returnTo && /^\/(?!\/)[\w\-./?=&%]*$/.test(returnTo) ? returnTo : "/demo/article";
}

/**
 * POST /api/ask/defer: "Remind me later". Stored in the database (to follow the reader once known, and to
 * send an opted-in reminder) and in the reader's cookie (so the next decision needs no query).
 */
export async function handleAskDefer(request: NextRequest): Promise<NextResponse> {
  const cors = corsHeaders(request);
  if (!cors) return NextResponse.json({ error: "This origin may not embed the ask." }, { status: 403 });
  const verdict = await consume("forms-ip", clientIp(request));
  if (!verdict.allowed) return withHeaders(tooManyRequests(verdict.retryAfterSeconds), cors);
  const type = request.headers.get("content-type") ?? "";
  const form = type.startsWith("application/x-www-form-urlencoded");
  if (!form && !type.startsWith("application/json")) {
    return NextResponse.json({ error: "Send a form or JSON." }, { status: 415, headers: cors });
  }
  const text = await request.text();
  if (text.length > 4096) return NextResponse.json({ error: "Request too large." }, { status: 413, headers: cors });
  let input: unknown;
  try {
    input = form ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
  } catch {
    return NextResponse.json({ error: "The body is not valid JSON." }, { status: 400, headers: cors });
  }

  const parsed = deferralRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    if (form) {
      const back = new URL(safeReturn((input as { returnTo?: string }).returnTo), env().APP_URL);
      back.searchParams.set("remind", "invalid");
      return NextResponse.redirect(back, 303);
    }
    return NextResponse.json({ error: "Please correct the highlighted fields.", fields }, { status: 400, headers: cors });
  }

  const { state, context } = readReader(request);
  const now = askNow((name) => request.cookies.get(name)?.value);
  let outcome: DeferralOutcome;
  try {
    outcome = await recordDeferral(db, { ...parsed.data, readerKey: state.k, supporterId: state.p, now: new Date(now * 1000), clientAddress: clientIp(request) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (form) return NextResponse.redirect(deferralRefusedUrl(env().APP_URL, safeReturn(parsed.data.returnTo), error), 303);
    return NextResponse.json({ error: error.message, code: error.code }, { status: error.status, headers: { ...cors, ...retryAfterHeader(error) } });
  }
  const { until, reminder, confirm } = outcome;
  const untilSeconds = Math.floor(until.getTime() / 1000);
  const response = form
    ? NextResponse.redirect(deferredUrl(env().APP_URL, safeReturn(parsed.data.returnTo), confirm), 303)
    : NextResponse.json({ until: until.toISOString(), reminder, confirm }, { headers: cors });
  writeReader(response, deferUntil(state, untilSeconds), context);
  return response;
}
