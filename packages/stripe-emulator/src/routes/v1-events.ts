import type Stripe from "stripe";
import { invalidParam, resourceMissing } from "../errors";
import type { EventRecord } from "../events";
import { list } from "../http";
import type { Params } from "../params";
import type { Router } from "../router";
import { retrieveOnly, type ApiContext, type ApiHandler } from "./types";

/** `created` as a timestamp or a range (`gt`, `gte`, `lt`, `lte`). */
export function createdFilter(params: Params): (created: number) => boolean {
  if (!params.has("created")) return () => true;
  const exact = typeof params.raw.created === "string" ? params.int("created") : undefined;
  if (exact !== undefined) return (c) => c === exact;
  const range = params.child("created")!.allowOnly(["gt", "gte", "lt", "lte"]);
  const [gt, gte, lt, lte] = (["gt", "gte", "lt", "lte"] as const).map((k) => range.int(k));
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}

/** `type` and `types[]` accept Stripe's `*` wildcard, e.g. `customer.subscription.*`. */
function typeFilter(params: Params): (type: string) => boolean {
  const types = params.strings("types");
  // Stripe's limits: at most 20 `types`, and `type` or `types`, not both.
  if (types.length > 20)
    throw invalidParam("Invalid array: `types` can have at most 20 entries.", "types");
  if (types.length > 0 && params.has("type"))
    throw invalidParam("You may only specify one of these parameters: type, types.", "types");
  const patterns = [...types, ...(params.str("type") ? [params.str("type")!] : [])];
  if (patterns.length === 0) return () => true;
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split("*")
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
      ),
  );
  return (type) => regexes.some((r) => r.test(type));
}

/** Newest first, with Stripe's cursor pagination (`starting_after` goes older, `ending_before` newer). */
function listEvents({ emu, params }: ApiContext) {
  params.allowOnly([
    "limit",
    "starting_after",
    "ending_before",
    "created",
    "type",
    "types",
    "delivery_success",
  ]);
  const limit = params.int("limit", { min: 1, max: 100 }) ?? 10;
  const records = emu.events.all();
  const position = (key: string) => {
    const id = params.str(key);
    if (id === undefined) return undefined;
    const index = records.findIndex((r) => r.event.id === id);
    if (index < 0) throw resourceMissing("event", id, key);
    return index;
  };
  const after = position("starting_after");
  const before = position("ending_before");
  const created = createdFilter(params);
  const typed = typeFilter(params);
  const success = params.bool("delivery_success");
  const matches = (r: EventRecord, i: number) =>
    created(r.event.created) &&
    typed(r.event.type) &&
    (success === undefined || (r.delivery.status === "delivered") === success) &&
    (after === undefined || i < after) &&
    (before === undefined || i > before);
  const newestFirst = records
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => matches(r, i))
    .reverse();
  // ending_before pages towards newer events: the `limit` events just before the cursor, still newest first.
  const page =
    before !== undefined && after === undefined
      ? newestFirst.slice(-limit)
      : newestFirst.slice(0, limit);
  const data: Stripe.Event[] = page.map(({ r }) => structuredClone(r.event));
  return list(data, "/v1/events", newestFirst.length > page.length);
}

const retrieve: ApiHandler = ({ emu, path }) => {
  const record = emu.events.get(path.id ?? "");
  if (!record) throw resourceMissing("event", path.id ?? "");
  return structuredClone(record.event);
};

export function eventRoutes(router: Router<ApiHandler>): void {
  router.on("GET", "/v1/events", listEvents).on("GET", "/v1/events/:id", retrieveOnly(retrieve));
}
