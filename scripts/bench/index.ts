/**
 * `npm run bench`: builds if needed, starts the app on a fresh PostgreSQL database, runs each benchmark against
 * a baseline measured in the same run (medians of several rounds), prints a table and writes bench/RESULTS.md.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createTestDatabase } from "../../lib/db/test-database";
import { buildIsStale } from "../lib/build-freshness";
import { run, waitForHttp } from "../lib/processes";
import { benchAskDecision, type BenchRow } from "./ask-decision";

const PORT = 3200;
const APP_URL = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function table(rows: BenchRow[]): string {
  const lines = ["| Measure | Value | Baseline | Ratio | Target | Met |", "| --- | --- | --- | --- | --- | --- |"];
  for (const r of rows) lines.push(`| ${r.name} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? "" : r.met ? "yes" : "NO"} |`);
  return lines.join("\n");
}

if (buildIsStale(process.cwd())) await run("npm", ["run", "build"], { env });
const database = await createTestDatabase();
const app = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...env, DATABASE_URL: database.url, APP_URL, NODE_ENV: "production" },
});
try {
  await waitForHttp(`${APP_URL}/api/health`, 60_000);
  const rows = await benchAskDecision(APP_URL, ROUNDS, SECONDS);
  const report = `# Benchmark results\n\nMeasured ${new Date().toISOString()} on ${machine()}.\nEach figure is the median of ${ROUNDS} rounds of ${SECONDS} s, alternating with its baseline on the same server.\n\n${table(rows)}\n`;
  console.log(`\n${report}`);
  mkdirSync("bench", { recursive: true });
  writeFileSync("bench/RESULTS.md", report);
} finally {
  app.kill("SIGTERM");
  await database.drop();
}
