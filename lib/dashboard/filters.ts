import { z } from "zod";
import { AppError } from "../errors/app-error";
import { CURRENCIES } from "../rules/currencies";

/**
 * Dates the lists accept: JavaScript takes years 0 and -271821 that PostgreSQL refuses (a 500, or an export
 * cut off mid-stream), so every date in a filter or page link is bounded here, before any query runs.
 */
export const FIRST_DAY = "1900-01-01";
export const LAST_DAY = "2999-12-31";
const EARLIEST = Date.parse(`${FIRST_DAY}T00:00:00Z`);
const LATEST = Date.parse(`${LAST_DAY}T23:59:59.999Z`);
const OUT_OF_RANGE = `Use a date between ${FIRST_DAY} and ${LAST_DAY}.`;
export const inDateRange = (at: Date) => at.getTime() >= EARLIEST && at.getTime() <= LATEST;

/** Query-string filters of the supporters and payments lists (and their CSV exports). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  // A calendar day (no 2026-02-31, which Date.parse rolls over into March).
  .refine(
    (s) => new Date(Date.parse(`${s}T00:00:00Z`) || 0).toISOString().slice(0, 10) === s,
    "Not a real date.",
  )
  .refine((s) => s >= FIRST_DAY && s <= LAST_DAY, OUT_OF_RANGE);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const cursor = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const [time, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
    const at = new Date(time ?? "");
    if (!id || Number.isNaN(at.getTime()) || !inDateRange(at)) {
      ctx.addIssue({ code: "custom", message: "Not a valid page link." });
      return z.NEVER;
    }
    return { at, id };
  });

export type Cursor = { at: Date; id: string };
/** A page link: the sort key (supporters: first seen; payments: when the money moved) and id of the last row. */
export const encodeCursor = (c: Cursor) =>
  Buffer.from(`${c.at.toISOString()}|${c.id}`).toString("base64url");

/** A value the list's form offers: anything else in the URL (a hand-edited or stale link) is refused in words. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: "Choose one of the options the form offers." });

const common = {
  // Text to search for; control characters (NUL above all, which PostgreSQL refuses in text) are not.
  q: optional(
    z
      .string()
      .trim()
      .max(200)
      .regex(/^[^\u0000-\u001f\u007f]*$/, "Search for letters, digits and punctuation only."),
  ),
  currency: optional(z.enum(CURRENCIES, { error: `Choose ${CURRENCIES.join(", ")} or Any.` })),
  from: optional(day),
  to: optional(day),
  sort: optional(oneOf(["newest", "oldest"])),
  after: optional(cursor),
};

/** A range that ends before it starts would find nothing and look like "no matches": say so instead. */
const fromNotAfterTo = (f: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (f.from && f.to && f.from > f.to)
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `${f.to} is before the start date ${f.from}: swap the two dates or change one.`,
    });
};

export const supporterFilters = z
  .object({
    ...common,
    frequency: optional(oneOf(["once", "monthly", "annual"])),
    status: optional(oneOf(["active", "cancelling", "ended", "none"])),
  })
  .superRefine(fromNotAfterTo);
export type SupporterFilters = z.infer<typeof supporterFilters>;

export const paymentFilters = z
  .object({
    ...common,
    kind: optional(oneOf(["once", "recurring"])),
    status: optional(oneOf(["succeeded", "failed", "refunded", "partially_refunded", "pending"])),
  })
  .superRefine(fromNotAfterTo);
export type PaymentFilters = z.infer<typeof paymentFilters>;

/** What the lists' forms call each query-string field, for messages a person can act on. */
const FIELD_LABELS: Record<string, string> = {
  q: "Search",
  currency: "Currency",
  from: "From date",
  to: "To date",
  sort: "Order",
  after: "Page link",
  kind: "Kind",
  status: "Status",
  frequency: "Gives",
};

/** The query string's values as the form would show them again (the first of a repeated key). */
export function flatParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  return params instanceof URLSearchParams
    ? Object.fromEntries(params)
    : Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/**
 * Parses URLSearchParams or Next's searchParams object; bad values are a 400 naming each field as the form
 * labels it ("From date: Not a real date."), with `fields` keyed by query-string name.
 */
export function parseFilters<T extends z.ZodType>(
  schema: T,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  labels: Record<string, string> = {},
): z.infer<T> {
  const result = schema.safeParse(flatParams(params));
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "filter");
      fields[key] ??= issue.message;
    }
    const message = Object.entries(fields)
      .map(([key, text]) => `${labels[key] ?? FIELD_LABELS[key] ?? "Filter"}: ${text}`)
      .join(" ");
    throw new AppError("invalid_input", message, fields);
  }
  return result.data;
}

/** [from 00:00 UTC, the day after `to` 00:00 UTC) */
export function dateRange(f: {
  from?: string;
  to?: string;
}): { gte?: Date; lt?: Date } | undefined {
  if (!f.from && !f.to) return undefined;
  return {
    ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}),
  };
}

/** The filters as a query string (for links and the export), without the cursor. */
export function filterQuery(
  f: Record<string, unknown>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (k !== "after" && typeof v === "string" && v) params.set(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
