/**
 * `npm run build:embed` (and the first step of `npm run build`): bundles embed/embed.ts into public/embed.js,
 * minified, prints its gzipped size and fails when it is over the 10 KB budget the issue sets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const EMBED_BUDGET_BYTES = 10 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const EMBED_OUTPUT = path.join(root, "public", "embed.js");

/** The minified bundle, in memory; the budget test builds with this too. */
export async function bundleEmbed(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, "embed", "embed.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    // Browsers from early 2021 on: shadow DOM, ResizeObserver, fetch keepalive, ??= all exist there.
    target: ["chrome89", "firefox90", "safari15"],
    legalComments: "none",
    // Generated code: lint the sources in embed/, not the bundle.
    banner: { js: "/* eslint-disable */" },
    write: false,
  });
  return result.outputFiles[0]!.text;
}

export function gzipSize(code: string): number {
  return gzipSync(code, { level: 9 }).length;
}

async function main(): Promise<void> {
  const code = await bundleEmbed();
  // Rewritten only when it changed, so an unchanged embed does not make the Next build look stale.
  if (!existsSync(EMBED_OUTPUT) || readFileSync(EMBED_OUTPUT, "utf8") !== code) {
    mkdirSync(path.dirname(EMBED_OUTPUT), { recursive: true });
    writeFileSync(EMBED_OUTPUT, code);
  }
  const size = gzipSize(code);
  const line = `embed.js: ${code.length} bytes, ${size} bytes gzipped (budget ${EMBED_BUDGET_BYTES})`;
  if (size > EMBED_BUDGET_BYTES) {
    console.error(`✗ ${line}: over budget by ${size - EMBED_BUDGET_BYTES} bytes`);
    process.exit(1);
  }
  console.log(`✓ ${line}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main();
