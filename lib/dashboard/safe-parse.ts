import type { z } from "zod";
import { isAppError } from "../errors/app-error";
import { parseFilters } from "./filters";

/** For pages: bad filters show a message and an unfiltered list instead of a crash. */
export function filtersOrError<T extends z.ZodType>(
  schema: T,
  params: Record<string, string | string[] | undefined>,
): { filters: z.infer<T>; error: string | null } {
  try {
    return { filters: parseFilters(schema, params), error: null };
  } catch (error) {
    if (isAppError(error)) return { filters: parseFilters(schema, {}), error: error.message };
    throw error;
  }
}
