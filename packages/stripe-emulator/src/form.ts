/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys, e.g.
 * `line_items[0][price_data][recurring][interval]=month`, `expand[]=customer`, `metadata[plan]=gold`.
 * The SDK sends arrays as `key[0]`, `key[1]`; `key[]` is accepted too. An empty value means "unset" (null).
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

function splitKey(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return null;
  const rest = match[2] ? [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "") : [];
  return [match[1] ?? "", ...rest];
}

/** Builds nested objects; keys that are all indices become arrays at the end (see `toArrays`). */
function assign(root: FormObject, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i] ?? "";
    if (FORBIDDEN.has(segment)) return;
    if (segment === "") segment = String(Object.keys(node).length); // `key[]` appends
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[segment] = {};
    node = node[segment] as FormObject;
  }
}

function toArrays(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = toArrays(value[key] as FormValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k] as FormValue);
  }
  return converted;
}

export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = splitKey(key);
    if (path) assign(root, path, value);
  }
  const out: FormObject = {};
  for (const [key, value] of Object.entries(root)) out[key] = toArrays(value);
  return out;
}
