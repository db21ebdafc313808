import type { z } from "zod";
import { AppError, isAppError } from "../errors/app-error";
import { describeError } from "../security/redact";
import { readBodyText } from "./read-body";

/**
 * The request pipeline every route handler that reads a body goes through: content type (415), a bounded body
 * read (413), JSON or form decoding (400), zod validation (400 with fields), and one way to answer errors:
 * JSON callers get `{ error: { code, message, fields? } }` (with Retry-After when waiting helps), form posts a
 * 303 back to their page with a flag the page turns into an inline message. Origin, CORS and rate limits are
 * steps the handler runs in between (lib/security/origin.ts, lib/ask/http.ts, lib/security/rate-limit.ts);
 * they throw AppError like everything else.
 */

/** "json-text": JSON sent as text/plain, as the embed's beacons do (a simple request, so no CORS preflight). */
export type BodyKind = "json" | "form" | "json-text";

const MEDIA_TYPES: Record<BodyKind, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  "json-text": "text/plain",
};

export type ReadInputOptions = { maxBytes: number; accept: readonly BodyKind[] };

export type RequestInput = { input: unknown; form: boolean };

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Whether the request is a browser's form post (answered with a redirect rather than JSON). */
export function isFormPost(request: Request): boolean {
  return mediaType(request) === MEDIA_TYPES.form;
}

/** Checks the content type before reading a byte, then reads at most maxBytes and decodes the body. */
export async function readInput(
  request: Request,
  options: ReadInputOptions,
): Promise<RequestInput> {
  const type = mediaType(request);
  const kind = options.accept.find((k) => MEDIA_TYPES[k] === type);
  if (!kind) {
    await request.body?.cancel().catch(() => undefined);
    const names = [...new Set(options.accept.map((k) => MEDIA_TYPES[k]))].join(" or ");
    throw new AppError("unsupported_media_type", `Send the body as ${names}.`);
  }
  const text = await readBodyText(request, options.maxBytes);
  if (kind === "form") return { input: Object.fromEntries(new URLSearchParams(text)), form: true };
  try {
    return { input: JSON.parse(text) as unknown, form: false };
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
}

/** Validates with a zod schema; the first problem of each field becomes its message (400 with `fields`). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message = "Please correct the highlighted fields.",
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw new AppError("invalid_input", message, fields);
}

/** What a form's page is told when its post comes back: fix the input, wait (and how long), or try later. */
export type FormFlag =
  | { kind: "invalid" }
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "unavailable"; retryAfterSeconds?: number };

export type ErrorAnswer = {
  /** Headers every answer carries (the embed's CORS headers). */
  headers?: Record<string, string>;
  /** For form posts: the page to go back to, given the flag. Without it, form posts get JSON too. */
  back?: (flag: FormFlag) => URL;
};

function formFlag(error: AppError): FormFlag | null {
  switch (error.code) {
    case "invalid_input":
      return { kind: "invalid" };
    case "rate_limited":
      return { kind: "limited", retryAfterSeconds: error.retryAfterSeconds ?? 60 };
    case "retry_later":
    case "upstream_unavailable":
      return { kind: "unavailable", retryAfterSeconds: error.retryAfterSeconds };
    default:
      // Too large or the wrong type (no browser form of ours sends those), forbidden (another site's form),
      // unauthorized, not found: nothing on our page to show it to, so the status answers.
      return null;
  }
}

/** Any error, answered: an AppError by its code; anything else a 500 (JSON) or the form's "try later", logged. */
export function errorResponse(
  error: unknown,
  answer: ErrorAnswer & { form?: boolean } = {},
): Response {
  const appError = isAppError(error) ? error : null;
  if (!appError) console.error(`request failed: ${describeError(error)}`);
  const flag = appError ? formFlag(appError) : { kind: "unavailable" as const };
  const headers: Record<string, string> = { ...answer.headers };
  if (appError?.retryAfterSeconds) headers["Retry-After"] = String(appError.retryAfterSeconds);
  if (answer.form && answer.back && flag) {
    return new Response(null, {
      status: 303,
      headers: { ...headers, Location: answer.back(flag).toString() },
    });
  }
  if (!appError)
    return Response.json(
      { error: { code: "internal", message: "Something went wrong." } },
      { status: 500, headers },
    );
  const body = {
    code: appError.code,
    message: appError.message,
    ...(appError.details ? { fields: appError.details } : {}),
  };
  return Response.json({ error: body }, { status: appError.status, headers });
}

/** The query flags a page reads back from FormFlag (see lib/ask/page-state.ts). */
export function setFormFlag(
  url: URL,
  flag: FormFlag,
  names: { invalid: [string, string]; limited: string; unavailable: [string, string] },
): URL {
  if (flag.kind === "invalid") url.searchParams.set(...names.invalid);
  else if (flag.kind === "limited")
    url.searchParams.set(names.limited, String(flag.retryAfterSeconds));
  else url.searchParams.set(...names.unavailable);
  return url;
}
