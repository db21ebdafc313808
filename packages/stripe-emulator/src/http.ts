import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The hosted pages use no external assets and no scripts.
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action *; base-uri 'none'",
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "cache-control": "no-store" });
  res.end();
}

/** A Stripe list envelope. */
export function list<T>(
  data: T[],
  url: string,
  hasMore = false,
): { object: "list"; data: T[]; has_more: boolean; url: string } {
  return { object: "list", data, has_more: hasMore, url };
}

/** Stripe's expanded sub-lists (e.g. `charge.refunds`, `invoice.payments`) hold the first 10 items, with `has_more`. */
export const EXPANDED_LIST_LIMIT = 10;

/** The first `limit` items of a list already in Stripe's order, as a list envelope with `has_more`. */
export function firstPage<T>(
  items: T[],
  url: string,
  limit = EXPANDED_LIST_LIMIT,
): ReturnType<typeof list<T>> {
  return list(items.slice(0, limit), url, items.length > limit);
}
