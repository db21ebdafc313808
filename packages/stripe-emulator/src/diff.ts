import type Stripe from "stripe";
import type { Emulator } from "./context";

function isPlainHash(value: unknown): value is Record<string, unknown> {
  // Lists (`{ object: "list" }`) and arrays are reported whole, as Stripe does for e.g. `items`.
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !("object" in value)
  );
}

/**
 * `data.previous_attributes` of an `*.updated` event: the old values of what changed. Nested hashes (e.g.
 * `cancellation_details`) only list their changed keys; lists and arrays are given whole.
 */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const a = old[key];
    const b = now[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changed[key] =
      isPlainHash(a) && isPlainHash(b) ? previousAttributes(a, b) : structuredClone(a ?? null);
  }
  return changed;
}

/**
 * Mutates a stored object and raises `type` (an `*.updated` event) with the changes, if there are any.
 * Returns whether anything changed.
 */
export function updateAndEmit<T extends object>(
  emu: Emulator,
  type: Stripe.Event.Type,
  object: T,
  mutate: (o: T) => void,
): boolean {
  const before = structuredClone(object);
  mutate(object);
  const previous = previousAttributes(before, object);
  if (Object.keys(previous).length === 0) return false;
  emu.emit(type, object, previous);
  return true;
}
