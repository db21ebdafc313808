import { NextResponse, type NextRequest } from "next/server";
import { looksLikeBot, readReader, writeReader } from "../ask/http";
import { checkCaptcha } from "../captcha/check-request";
import { CAPTCHA_MESSAGES } from "../captcha/messages";
import type { CaptchaVerdict } from "../captcha/verify";
import { env } from "../env";
import { isAppError } from "../errors/app-error";
import { refuseCrossSite } from "../security/origin";
import { clientIp, consume, tooManyRequests, type LimitName } from "../security/rate-limit";
import { parseCheckoutChoice } from "../support/checkout-request";
import { createCheckout } from "./create-checkout";

const MAX_BODY_BYTES = 8 * 1024;

async function readInput(request: Request): Promise<{ input: unknown; form: boolean } | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: "Request body too large." }, { status: 413 });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return Response.json({ error: "Request body too large." }, { status: 413 });
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { input: Object.fromEntries(new URLSearchParams(text)), form: true };
  }
  if (type.startsWith("application/json")) {
    try {
      return { input: JSON.parse(text) as unknown, form: false };
    } catch {
      return Response.json({ error: "The body is not valid JSON." }, { status: 400 });
    }
  }
  return Response.json({ error: "Send the form as application/x-www-form-urlencoded or application/json." }, { status: 415 });
}

type FormFlag = "invalid" | "unavailable" | "captcha" | "captcha-unavailable";
const FLAGS: Record<FormFlag, [string, string]> = {
  invalid: ["invalid", "1"],
  unavailable: ["unavailable", "1"],
  captcha: ["captcha", "1"],
  "captcha-unavailable": ["captcha", "unavailable"],
};

/** Back to the ask with what the reader chose, so the page can re-validate it and say what to fix. */
function backToForm(input: unknown, flag: FormFlag): Response {
  const url = new URL("/support", env().APP_URL);
  const fields = (input ?? {}) as Record<string, unknown>;
  for (const key of ["frequency", "currency", "amount", "otherAmount", "surface", "variant"]) {
    const value = fields[key];
    if (typeof value === "string" && value.length <= 40) url.searchParams.set(key, value);
  }
  url.searchParams.set(...FLAGS[flag]);
  return Response.redirect(url, 303);
}

/** A missing or refused token: the reader can solve the widget again. The check failing closed: try later. */
function refuseCaptcha(verdict: Exclude<CaptchaVerdict, { ok: true }>, input: unknown, form: boolean): Response {
  if (verdict.reason === "unavailable") {
    return form ? backToForm(input, "captcha-unavailable") : Response.json({ error: CAPTCHA_MESSAGES.unavailable, code: "retry_later" }, { status: 503 });
  }
  return form
    ? backToForm(input, "captcha")
    : Response.json({ error: CAPTCHA_MESSAGES.retry, fields: { captcha: CAPTCHA_MESSAGES.retry } }, { status: 400 });
}

/**
 * POST /api/checkout: a plain form post (works without JavaScript: 303 to Checkout or back to the form)
 * or JSON (400 with field errors, or { url }).
 */
export async function handleCheckoutRequest(request: NextRequest): Promise<Response> {
  // The embed's Continue is a form post from the host's page: its configured host sites may post here too.
  const refused = refuseCrossSite(request, { embed: true });
  if (refused) return refused;
  const read = await readInput(request);
  if (read instanceof Response) return read;
  const { input, form } = read;

  const parsed = parseCheckoutChoice(input);
  if (!parsed.ok) {
    return form ? backToForm(input, "invalid") : Response.json({ error: "Please correct the highlighted fields.", fields: parsed.errors }, { status: 400 });
  }
  // Card testers script this endpoint: cap checkouts per address and per browser, across all instances.
  const reader = readReader(request);
  const limits: Array<[LimitName, string]> = [["checkout-ip", clientIp(request)]];
  if (!reader.isNew) limits.push(["checkout-reader", reader.state.k]);
  for (const [name, key] of limits) {
    const verdict = await consume(name, key);
    if (!verdict.allowed) return tooManyRequests(verdict.retryAfterSeconds, "Too many checkout attempts. Please wait a few minutes and try again.");
  }
  // After the rate limits, so a flood spends its budget here and not calls to the CAPTCHA provider.
  const captcha = await checkCaptcha(input, request);
  if (!captcha.ok) return refuseCaptcha(captcha, input, form);
  try {
    // The browser's reader key ties the payment to its deferrals and lets the thank-you page recognise it; a
    // browser that has none yet (it went straight to Continue) gets one now.
    // A scripted client (a card tester's HTTP library) still gets its checkout, but not a place in the funnel.
    const { url } = await createCheckout(parsed.choice, reader.state.k, { countInFunnel: !looksLikeBot(request) });
    const response = form ? NextResponse.redirect(url, 303) : NextResponse.json({ url });
    if (reader.isNew) writeReader(response, reader.state, reader.context);
    return response;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return form ? backToForm(input, "unavailable") : Response.json({ error: error.message }, { status: error.status });
  }
}
