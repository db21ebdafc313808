import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import type { FormObject } from "../form";

export interface PageContext {
  emu: Emulator;
  res: ServerResponse;
  path: Record<string, string>;
  url: URL;
  /** The decoded form of a POST (empty for GET). */
  form: FormObject;
}

export type PageHandler = (ctx: PageContext) => void;

export function field(form: FormObject, key: string): string {
  const value = form[key];
  return typeof value === "string" ? value : "";
}
