import type { Emulator } from "../context";
import type { Params } from "../params";

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
