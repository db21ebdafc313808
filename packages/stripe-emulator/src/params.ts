import { invalidParam, missingParam, unknownParam } from "./errors";
import type { FormObject, FormValue } from "./form";

type Opts = { required?: boolean };

/**
 * Typed reads of a decoded form, failing the way Stripe does: 400 with the offending parameter's bracketed path
 * in `param` (e.g. `line_items[0][price_data][unit_amount]`).
 */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = "",
  ) {}

  path(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** Stripe answers 400 for parameters it does not know, instead of silently ignoring them. */
  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.raw))
      if (!keys.includes(key)) throw unknownParam(this.path(key));
    return this;
  }

  /**
   * `known`: every parameter Stripe's API takes here (others are `parameter_unknown`); `modelled`: those the
   * emulator implements. Stripe's others are refused by name rather than accepted and silently ignored.
   */
  stripeOnly(known: readonly string[], modelled: readonly string[]): this {
    this.allowOnly(known);
    for (const key of Object.keys(this.raw)) {
      if (!modelled.includes(key)) {
        throw invalidParam(
          `The Stripe emulator does not model \`${this.path(key)}\` (valid in Stripe); add it to packages/stripe-emulator before relying on it.`,
          this.path(key),
        );
      }
    }
    return this;
  }

  private scalar(key: string, required: boolean): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") {
      if (required) throw missingParam(this.path(key));
      return undefined;
    }
    if (typeof value !== "string")
      throw invalidParam(`Invalid value for ${this.path(key)}: expected a string.`, this.path(key));
    return value;
  }

  str(key: string, opts: Opts & { max?: number } = {}): string | undefined {
    const value = this.scalar(key, opts.required ?? false);
    if (value !== undefined && opts.max !== undefined && value.length > opts.max) {
      throw invalidParam(
        `Invalid string: ${value.slice(0, 20)}...; must be at most ${opts.max} characters`,
        this.path(key),
      );
    }
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[], opts: Opts = {}): T | undefined {
    const value = this.scalar(key, opts.required ?? false);
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      const list =
        values.length > 1 ? `${values.slice(0, -1).join(", ")}, or ${values.at(-1)}` : values[0];
      throw invalidParam(`Invalid ${this.path(key)}: must be one of ${list}`, this.path(key));
    }
    return value as T;
  }

  int(key: string, opts: Opts & { min?: number; max?: number } = {}): number | undefined {
    const value = this.scalar(key, opts.required ?? false);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value))
      throw invalidParam(`Invalid integer: ${value}`, this.path(key), "parameter_invalid_integer");
    const n = Number(value);
    if (opts.min !== undefined && n < opts.min) {
      throw invalidParam(
        `This value must be greater than or equal to ${opts.min}.`,
        this.path(key),
      );
    }
    if (opts.max !== undefined && n > opts.max) {
      throw invalidParam(`This value must be less than or equal to ${opts.max}.`, this.path(key));
    }
    return n;
  }

  bool(key: string): boolean | undefined {
    const value = this.scalar(key, false);
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false")
      throw invalidParam(`Invalid boolean: ${value}`, this.path(key));
    return value === "true";
  }

  /** A nested hash, e.g. `price_data`; undefined when absent. */
  child(key: string, opts: Opts = {}): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") {
      if (opts.required) throw missingParam(this.path(key));
      return undefined;
    }
    if (typeof value !== "object" || Array.isArray(value))
      throw invalidParam(`Invalid hash`, this.path(key));
    return new Params(value, this.path(key));
  }

  /** An array of hashes, e.g. `line_items`. */
  list(key: string, opts: Opts = {}): Params[] {
    const value = this.raw[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (opts.required) throw missingParam(this.path(key));
      return [];
    }
    if (!Array.isArray(value)) throw invalidParam(`Invalid array`, this.path(key));
    return value.map((item, i) => {
      if (typeof item !== "object" || Array.isArray(item))
        throw invalidParam(`Invalid hash`, `${this.path(key)}[${i}]`);
      return new Params(item, `${this.path(key)}[${i}]`);
    });
  }

  /** An array of strings, e.g. `expand[]`, `types[]`. */
  strings(key: string): string[] {
    const value: FormValue | undefined = this.raw[key];
    if (value === undefined || value === "") return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => {
      if (typeof item !== "string") throw invalidParam(`Invalid array`, `${this.path(key)}[${i}]`);
      return item;
    });
  }

  /**
   * Metadata with Stripe's limits (50 keys, 40-character keys, 500-character values). Returns the keys to set and
   * the keys to unset (`metadata[key]=` unsets one key; `metadata=` unsets all, reported as `clearAll`).
   */
  metadata(
    key = "metadata",
  ): { set: Record<string, string>; unset: string[]; clearAll: boolean } | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === "") return { set: {}, unset: [], clearAll: true };
    if (typeof value !== "object" || Array.isArray(value))
      throw invalidParam("Invalid hash", this.path(key));
    const set: Record<string, string> = {};
    const unset: string[] = [];
    const entries = Object.entries(value);
    if (entries.length > 50) throw invalidParam("Metadata can have up to 50 keys.", this.path(key));
    for (const [k, v] of entries) {
      if (typeof v !== "string")
        throw invalidParam("Invalid metadata value: must be a string", `${this.path(key)}[${k}]`);
      if (k.length > 40)
        throw invalidParam(
          `Metadata keys can have up to 40 characters.`,
          `${this.path(key)}[${k}]`,
        );
      if (v.length > 500)
        throw invalidParam(
          `Metadata values can have up to 500 characters.`,
          `${this.path(key)}[${k}]`,
        );
      if (v === "") unset.push(k);
      else set[k] = v;
    }
    return { set, unset, clearAll: false };
  }
}

/** Applies a metadata update the way Stripe merges it into the existing hash. */
export function mergeMetadata(
  current: Record<string, string> | null,
  update: ReturnType<Params["metadata"]>,
): Record<string, string> {
  if (!update) return { ...(current ?? {}) };
  const merged: Record<string, string> = update.clearAll
    ? {}
    : { ...(current ?? {}), ...update.set };
  for (const key of update.unset) delete merged[key];
  return merged;
}
