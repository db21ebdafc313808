import type { Emulator } from "./context";
import { invalidParam } from "./errors";
import { refundsOf } from "./flows/refunds";
import { firstPage } from "./http";

type Node = Record<string, unknown>;

/**
 * Fields Stripe leaves out unless expanded ("includable"): an invoice's `payments`, a Checkout Session's
 * `line_items`, a charge's `refunds`. As in Stripe, an expanded list holds its first 10 items and says `has_more`;
 * the rest are read from the list's own endpoint (e.g. `GET /v1/refunds?charge=…`).
 */
function includable(emu: Emulator, node: Node, field: string): unknown {
  const id = String(node.id);
  if (node.object === "invoice" && field === "payments") {
    return firstPage(
      structuredClone(emu.store.invoicePayments.get(id) ?? []),
      `/v1/invoices/${id}/payments`,
    );
  }
  if (node.object === "checkout.session" && field === "line_items") {
    return firstPage(
      structuredClone(emu.store.sessionExtras.get(id)?.lineItems ?? []),
      `/v1/checkout/sessions/${id}/line_items`,
    );
  }
  if (node.object === "charge" && field === "refunds") {
    return firstPage(structuredClone(refundsOf(emu, id)), `/v1/refunds?charge=${id}`);
  }
  return undefined;
}

function expandPath(emu: Emulator, value: unknown, segments: string[], full: string): void {
  if (Array.isArray(value)) {
    for (const item of value) expandPath(emu, item, segments, full);
    return;
  }
  if (!value || typeof value !== "object" || segments.length === 0) return;
  const node = value as Node;
  const [field, ...rest] = segments as [string, ...string[]];
  const included = includable(emu, node, field);
  if (included !== undefined) node[field] = included;
  else if (!(field in node))
    throw invalidParam(`This property cannot be expanded (${full}).`, "expand");
  else if (typeof node[field] === "string") {
    const found = emu.store.lookup(node[field] as string);
    if (found) node[field] = structuredClone(found);
  }
  expandPath(emu, node[field], rest, full);
}

/** Applies `expand[]` paths (e.g. `customer`, `latest_invoice.payments`, `data.customer`) to a response copy. */
export function expand(emu: Emulator, response: unknown, paths: string[]): unknown {
  for (const path of paths) expandPath(emu, response, path.split("."), path);
  return response;
}
