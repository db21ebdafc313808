import type { Emulator } from "../context";
import type { Params } from "../params";
import { must, type Store } from "../store";

/** What a `/v1` handler gets: path parameters and the request's parameters (query for GET/DELETE, else body). */
export interface ApiContext {
  emu: Emulator;
  path: Record<string, string>;
  params: Params;
}

/** Returns the response object; the server applies `expand[]`, serialises and handles idempotency. */
export type ApiHandler = (ctx: ApiContext) => object;

/** A retrieve takes no parameters besides `expand` (removed before handlers run): anything else is a 400, as in Stripe. */
export function retrieveOnly(handler: ApiHandler): ApiHandler {
  return (ctx) => {
    ctx.params.allowOnly([]);
    return handler(ctx);
  };
}

/** A retrieve of one stored object by the path's id: a 404 (resource_missing) naming `noun` when there is none. */
export function retrieveStored(
  collection: (store: Store) => Map<string, object>,
  noun: string,
): ApiHandler {
  return retrieveOnly(({ emu, path }) => must(collection(emu.store), path.id ?? "", noun));
}
