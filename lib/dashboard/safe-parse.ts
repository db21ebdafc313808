import type { z } from "zod";
import { isAppError } from "../errors/app-error";
import { flatParams, parseFilters } from "./filters";

export type ParsedFilters<F> =
  | { ok: true; filters: F; values: F; error: null }
  | { ok: false; filters: null; values: Record<string, string | undefined>; error: string };

/**
 * For pages: bad filters give a message to show and the values as typed (for the form, to fix them), and no
 * filters, so the page lists nothing rather than an unfiltered list that looks filtered.
 */
export function filtersOrError<T extends z.ZodType>(
  schema: T,
  params: Record<string, string | string[] | undefined>,
  labels?: Record<string, string>,
): ParsedFilters<z.infer<T>> {
  try {
    const filters = parseFilters(schema, params, labels);
    return { ok: true, filters, values: filters, error: null };
  } catch (error) {
    if (isAppError(error))
      return { ok: false, filters: null, values: flatParams(params), error: error.message };
    throw error;
  }
}
