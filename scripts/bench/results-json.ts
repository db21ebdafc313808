import { readFileSync, writeFileSync } from "node:fs";
import type { BenchRow } from "./ask-decision";

type Result = {
  value: number | string;
  unit: string;
  baseline: string;
  ratio: number | null;
  target: string;
  met: boolean | null;
  name: string;
  measuredAt: string;
};
type Results = { machine: string; results: Record<string, Result> };

const asNumber = (text: string): number | null => {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : null;
};

/**
 * bench/results.json: every row by its stable key, with numbers as numbers, for scripts and later runs to
 * compare against. A partial run (BENCH_ONLY) updates its own keys and keeps the others, each with the time it
 * was measured.
 */
export function writeResultsJson(path: string, rows: BenchRow[], machine: string): void {
  let previous: Results["results"] = {};
  try {
    previous = (JSON.parse(readFileSync(path, "utf8")) as Results).results ?? {};
  } catch {
    // first run, or an unreadable file: start afresh
  }
  const measuredAt = new Date().toISOString();
  const results = { ...previous };
  for (const r of rows) {
    results[r.key] = {
      value: asNumber(r.value) ?? r.value,
      unit: r.unit,
      baseline: r.baseline,
      ratio: asNumber(r.ratio),
      target: r.target,
      met: r.met,
      name: r.name,
      measuredAt,
    };
  }
  const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify({ machine, results: sorted }, null, 2)}\n`);
}
