import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "package.json",
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
];

function newestMtime(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (max, name) => Math.max(max, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

/** True when there is no production build or a source file changed after it was made. */
export function buildIsStale(root: string): boolean {
  const built = newestMtime(path.join(root, ".next", "BUILD_ID"));
  if (!built) return true;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}
