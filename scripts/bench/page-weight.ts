import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM, CHROMIUM_FLAGS } from "@/test/chromium";
import { gzipSize } from "../build-embed";
import { run, startService, waitForHttp } from "../lib/processes";
import type { BenchRow } from "./ask-decision";
import { median } from "./load";

/**
 * Page weight: the JavaScript a page makes Chromium load (every script response on the way to network idle,
 * first visit, empty cache), each file gzipped at level 9 as the embed's budget is, summed. The baseline is an
 * empty page (an <h1> in a bare root layout) of a minimal Next app built here with the same Next.js, the same
 * bundler and the same relevant config: it weighs the framework's runtime, so the difference is what /support
 * itself adds. The app's own smallest page (/signin/check-email: static text, no client component) is shown too.
 */

const EMPTY_APP = ".data/bench/empty-app";

/** Writes and builds the empty app (a few seconds when nothing changed since the last run). */
export async function buildEmptyApp(env: NodeJS.ProcessEnv): Promise<string> {
  const dir = path.resolve(EMPTY_APP);
  mkdirSync(path.join(dir, "app"), { recursive: true });
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`,
    // The options of ../next.config.js that shape the client bundle (headers and server packages do not).
    "next.config.js": "export default { reactStrictMode: true, poweredByHeader: false };\n",
    "app/layout.jsx":
      'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
    // Rendered per request like /support, so both carry the same runtime.
    "app/page.jsx":
      'export const dynamic = "force-dynamic";\n\nexport default function Page() {\n  return <main><h1>Empty</h1></main>;\n}\n',
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // new file
    }
    if (current !== content) writeFileSync(file, content);
  }
  await run("npx", ["next", "build", dir], { env, stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}

export async function startEmptyApp(
  dir: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; process: ChildProcess }> {
  const child = startService("npx", ["next", "start", dir, "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, 60_000);
  return { url, process: child };
}

/** gzip bytes of the scripts a first visit loads, and how many files. */
async function scriptWeight(
  browser: Browser,
  url: string,
): Promise<{ bytes: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Array<Promise<Buffer | null>> = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script" && response.ok())
      bodies.push(response.body().catch(() => null));
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  const files = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  await context.close();
  return {
    bytes: files.reduce((n, b) => n + gzipSize(b.toString("utf8")), 0),
    files: files.length,
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const plusKb = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${kb(Math.abs(bytes))} KB`;

export async function benchPageWeight(
  appUrl: string,
  emptyUrl: string,
  runs: number,
): Promise<BenchRow[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const support: number[] = [];
    const empty: number[] = [];
    const tiny: number[] = [];
    let files = { support: 0, empty: 0 };
    for (let i = 0; i < runs; i++) {
      const s = await scriptWeight(browser, `${appUrl}/support`);
      const e = await scriptWeight(browser, `${emptyUrl}/`);
      support.push(s.bytes);
      empty.push(e.bytes);
      tiny.push((await scriptWeight(browser, `${appUrl}/signin/check-email`)).bytes);
      files = { support: s.files, empty: e.files };
    }
    const added = median(support) - median(empty);
    const embed = gzipSize(readFileSync("public/embed.js", "utf8"));
    return [
      {
        key: "weight.support_gzip_kb",
        unit: "KB",
        name: `/support first-load JS, gzip KB (${files.support} files)`,
        value: kb(median(support)),
        baseline: `${kb(median(empty))} (empty Next page, ${files.empty} files)`,
        ratio: plusKb(added),
        target: "adds ≤ 30 KB",
        met: added <= 30 * 1024,
      },
      {
        key: "weight.smallest_page_gzip_kb",
        unit: "KB",
        name: "Smallest page of the app (/signin/check-email) first-load JS, gzip KB",
        value: kb(median(tiny)),
        baseline: `${kb(median(empty))} (empty Next page)`,
        ratio: plusKb(median(tiny) - median(empty)),
        target: "",
        met: null,
      },
      {
        key: "weight.embed_gzip_kb",
        unit: "KB",
        name: "embed.js, gzip KB",
        value: kb(embed),
        baseline: "",
        ratio: "",
        target: "≤ 10 KB",
        met: embed <= 10 * 1024,
      },
    ];
  } finally {
    await browser.close();
  }
}
