import { resourceMissing } from "../errors";
import { list } from "../http";
import type { Params } from "../params";

/**
 * Stripe's cursor pagination over a list already in Stripe's order (newest first): `limit` (1–100, default 10),
 * `starting_after` (the page after that object), `ending_before` (the page just before it, still newest first).
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  url: string,
  noun: string,
) {
  const limit = params.int("limit", { min: 1, max: 100 }) ?? 10;
  const cursor = (key: string) => {
    const id = params.str(key);
    if (id === undefined) return undefined;
    const index = items.findIndex((item) => item.id === id);
    if (index < 0) throw resourceMissing(noun, id, key);
    return index;
  };
  const after = cursor("starting_after");
  const before = cursor("ending_before");
  if (before !== undefined && after === undefined) {
    const from = Math.max(0, before - limit);
    return list(items.slice(from, before), url, from > 0);
  }
  const start = after === undefined ? 0 : after + 1;
  const page = items.slice(start, start + limit);
  return list(page, url, start + limit < items.length);
}
