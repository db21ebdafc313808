import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import type { BenchRow } from "./ask-decision";
import { median } from "./load";
import { CHROMIUM, CHROMIUM_FLAGS } from "@/test/chromium";

/**
 * Lighthouse (the npm package, default settings: mobile, simulated slow 4G and 4× CPU slowdown) with Debian's
 * Chromium, headless. Several runs per page, median score; the empty Next page is measured in the same run as
 * the machine's ceiling.
 */
type Scores = { performance: number; accessibility: number };

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "bench-lighthouse-"));
  const child = spawn(
    CHROMIUM,
    [
      "--headless=new",
      ...CHROMIUM_FLAGS,
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not start: ${seen.slice(0, 500)}`)),
      30_000,
    );
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) =>
      reject(new Error(`Chromium exited with ${code}: ${seen.slice(0, 500)}`)),
    );
  });
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

async function audit(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  const categories = result?.lhr.categories;
  if (!categories?.performance?.score || categories.accessibility?.score == null) {
    throw new Error(
      `Lighthouse could not score ${url}: ${result?.lhr.runtimeError?.message ?? "no categories"}`,
    );
  }
  return {
    performance: Math.round(categories.performance.score * 100),
    accessibility: Math.round(categories.accessibility.score * 100),
  };
}

export async function benchLighthouse(
  pages: Array<{ name: string; url: string }>,
  baselineUrl: string,
  runs: number,
): Promise<BenchRow[]> {
  const chromium = await startChromium();
  try {
    const scores = new Map<string, Scores[]>();
    for (let i = 0; i < runs; i++) {
      for (const { url } of [{ url: baselineUrl }, ...pages]) {
        const list = scores.get(url) ?? [];
        list.push(await audit(url, chromium.port));
        scores.set(url, list);
      }
    }
    const med = (url: string, key: keyof Scores) => median(scores.get(url)!.map((s) => s[key]));
    const rows: BenchRow[] = [];
    for (const { name, url } of pages) {
      const perf = med(url, "performance");
      const a11y = med(url, "accessibility");
      rows.push({
        key: `lighthouse.performance.${name}`,
        unit: "score",
        name: `Lighthouse performance, ${name}`,
        value: String(perf),
        baseline: `${med(baselineUrl, "performance")} (empty Next page)`,
        ratio: "",
        target: "≥ 95",
        met: perf >= 95,
      });
      rows.push({
        key: `lighthouse.accessibility.${name}`,
        unit: "score",
        name: `Lighthouse accessibility, ${name}`,
        value: String(a11y),
        baseline: `${med(baselineUrl, "accessibility")} (empty Next page)`,
        ratio: "",
        target: "100",
        met: a11y >= 100,
      });
    }
    return rows;
  } finally {
    await chromium.stop();
  }
}
