/**
 * `npm run bench`: builds if needed, creates a fresh PostgreSQL database (seeded with 100 000 supporters and
 * 1 000 000 payments for the dashboard), starts the Stripe emulator, the app (`next start`) and an empty Next app
 * for baselines, runs each benchmark against a baseline measured in the same run (medians of several rounds),
 * prints a table and writes bench/RESULTS.md with the machine's description and bench/results.json (each row
 * by a stable key, e.g. webhooks.ingestion_ratio).
 *
 * BENCH_ROUNDS (default 5) and BENCH_SECONDS (default 4) shorten or lengthen the load rounds; BENCH_ONLY=ask,dashboard,…
 * runs a subset (the README lists the names); BENCH_PORT (default 3200) the app's port, the others beside it.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createTestDatabase } from "@/test/db/test-database";
import { generateSecrets } from "../../lib/demo-secrets";
import { buildIsStale } from "../lib/build-freshness";
import { run, startService, stopService, waitForHttp } from "../lib/processes";
import { benchAskBeacon } from "./ask-beacon";
import { benchAskDecision, type BenchRow } from "./ask-decision";
import { benchCheckout } from "./checkout";
import { benchDashboard, seedDashboard } from "./dashboard";
import { benchLighthouse } from "./lighthouse";
import { CHROMIUM } from "@/test/chromium";
import { benchPageWeight, buildEmptyApp, startEmptyApp } from "./page-weight";
import { writeResultsJson } from "./results-json";
import { benchWebhooks } from "./webhooks";

// BENCH_PORT moves the three servers (app, empty app + 2, emulator + 11) off ports another run holds.
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const EMULATOR_PORT = PORT + 11;
const EMPTY_PORT = PORT + 2;
const APP_URL = `http://127.0.0.1:${PORT}`;
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
const wants = (name: string) => !ONLY || ONLY.has(name);
// Secrets for this run, shared by the app, the emulator, the workers and the dashboard bench's session token.
Object.assign(process.env, generateSecrets());
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

type Section = { title: string; method: string; rows: BenchRow[]; misses?: string };

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const pg = "PostgreSQL 15 on the same machine (127.0.0.1:5432)";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${pg}, ${chromiumVersion()}`;
}

function table(rows: BenchRow[]): string {
  const lines = [
    "| Measure | Value | Baseline (same run) | Ratio | Target | Met |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.name} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? "" : r.met ? "yes" : "**NO**"} |`,
    );
  return lines.join("\n");
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return "Chromium (version unknown)";
  }
}

function start(command: string, args: string[], extraEnv: Record<string, string>): ChildProcess {
  return startService(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, ...extraEnv },
  });
}

const began = Date.now();
const elapsed = () => `${Math.round((Date.now() - began) / 1000)} s`;
const children: ChildProcess[] = [];
const sections: Section[] = [];

if (buildIsStale(process.cwd()) || !existsSync("public/embed.js"))
  await run("npm", ["run", "build"], { env });
const database = await createTestDatabase();
// lib/db (the dashboard benchmark's in-process reads) connects to DATABASE_URL on first use.
process.env.DATABASE_URL = database.url;
let small: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
try {
  const now = new Date();
  let seeded = "";
  if (wants("dashboard")) {
    console.log(`› Seeding 100 000 supporters and 1 000 000 payments… (${elapsed()})`);
    const seed = await seedDashboard(database.url, now);
    seeded = `${seed.supporters.toLocaleString("en")} supporters, ${seed.memberships.toLocaleString("en")} memberships and ${seed.payments.toLocaleString("en")} payments, seeded in ${seed.seconds.toFixed(0)} s`;
    console.log(`  ${seeded}`);
    // The same newsroom a tenth the size, for the overview's growth from 100 000 to 1 000 000 payments.
    small = await createTestDatabase();
    console.log(`› Seeding 10 000 supporters and 100 000 payments… (${elapsed()})`);
    const smallSeed = await seedDashboard(small.url, now, 10_000);
    seeded += `; and, for the overview's growth, ${smallSeed.supporters.toLocaleString("en")} supporters, ${smallSeed.memberships.toLocaleString("en")} memberships and ${smallSeed.payments.toLocaleString("en")} payments in a second database`;
  }
  const emptyDir = wants("weight") || wants("lighthouse") ? await buildEmptyApp(env) : null;

  children.push(
    start("npx", ["tsx", "scripts/emulator.ts"], {
      STRIPE_EMULATOR_PORT: String(EMULATOR_PORT),
      STRIPE_EMULATOR_WEBHOOK_URL: `${APP_URL}/api/stripe/webhook`,
    }),
  );
  children.push(
    start("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      DATABASE_URL: database.url,
      APP_URL,
      NODE_ENV: "production",
      STRIPE_EMULATOR_URL: EMULATOR_URL,
      // The load comes from one address: the limits themselves are tested in lib/security.
      RATE_LIMIT_CHECKOUT_PER_IP: "100000000",
      RATE_LIMIT_CHECKOUT_PER_READER: "100000000",
      RATE_LIMIT_FORMS_PER_IP: "100000000",
      RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE: "0",
      RATE_LIMIT_BEACONS_PER_IP: "100000000",
      RATE_LIMIT_BEACONS_PER_READER: "100000000",
      // The load generator plays readers at many addresses (X-Forwarded-For) through loopback, as a proxy would.
      TRUST_PROXY: "loopback",
    }),
  );
  const empty = emptyDir ? await startEmptyApp(emptyDir, EMPTY_PORT, env) : null;
  if (empty) children.push(empty.process);
  await waitForHttp(`${APP_URL}/api/health`, 60_000);
  await waitForHttp(`${EMULATOR_URL}/_emulator/health`, 60_000);

  if (wants("ask")) {
    console.log(`› Ask decision (${elapsed()})`);
    sections.push({
      title: "Ask decision",
      method: `GET /api/ask for a returning anonymous reader (cookie only, no database) against GET /api/health, a bare route handler on the same server; autocannon, 20 connections, ${ROUNDS} rounds of ${SECONDS} s, each between two runs of the bare route (the ratio: the median over rounds of the route's req/s over the mean of the bare runs either side, as the machine's load from other work drifts; value and baseline: medians).`,
      rows: await benchAskDecision(APP_URL, ROUNDS, SECONDS),
    });
    console.log(`› Impression beacon (${elapsed()})`);
    sections.push({
      title: "Impression beacon",
      method: `POST /api/ask/event (a returning reader's impression beacon as the page sends it: JSON as text/plain, its cookie, a browser's agent) against GET /api/health on the same server; autocannon, 20 connections, ${ROUNDS} rounds of ${SECONDS} s, each between two runs of the bare route (the ratio: the median over rounds of the route's req/s over the mean of the bare runs either side, as the machine's load from other work drifts; value and baseline: medians). The counts are buffered in the app and written about once a second as one statement (lib/ask/funnel-buffer.ts). Statements per 1 000 impressions: every statement writing "AskDailyStat", counted by PostgreSQL (a statement-level trigger on the bench's database), over all the beacons the rounds sent, after checking that every 204 was counted exactly once; the baseline column is every transaction the database committed meanwhile (pg_stat_database.xact_commit, after its statistics settled, less the bench's own reads).`,
      rows: await benchAskBeacon(APP_URL, database.url, ROUNDS, SECONDS),
    });
  }
  if (wants("dashboard")) {
    console.log(`› Dashboard (${elapsed()})`);
    sections.push({
      title: "Staff dashboard at scale",
      method:
        `${seeded} with set-based SQL (scripts/bench/seed-large.ts; rows in time order; invariants checked), then VACUUM ANALYZE. ` +
        `"lib/dashboard" rows time the real functions in this process (Prisma over @prisma/adapter-pg): the overview page's three loads (period KPIs against the previous period, revenue by month, members by month) in parallel as the page runs them, and listSupporters for a filtered page (one statement: the filter, the page, each row's membership and gift count); ` +
        `the baseline sends the same aggregates as raw SQL with pg (one statement for the supporters page). "HTTP" rows fetch the rendered page from next start with a staff session (auth check, reads, React render, whole body). ${Math.max(ROUNDS, 7)} alternating rounds after a warm-up, medians.`,
      rows: await benchDashboard(
        database.url,
        small?.url ?? null,
        APP_URL,
        Math.max(ROUNDS, 7),
        now,
      ),
      misses:
        "Both sides are a few milliseconds on the supporters page, where the fixed cost of Prisma's raw-query path (about 1–3 ms per call) weighs most; the page is one statement on both sides. The HTTP rows add the session check and React rendering, held to the 300 ms target only.",
    });
  }
  if (wants("checkout")) {
    console.log(`› Checkout creation (${elapsed()})`);
    sections.push({
      title: "Checkout creation",
      method: `POST /api/checkout (JSON, a one-time gift, a browser's user agent) at 50 concurrent connections, each reader from its own address (X-Forwarded-For), against the emulator's own POST /v1/checkout/sessions with the parameters the app sends (a fresh idempotency key each), ${ROUNDS} alternating rounds of ${SECONDS} s; the overhead is what our endpoint adds (validation, the per-address rate-limit check in PostgreSQL — a browser without a reader key yet has no per-browser one — the CheckoutAttempt row before and after, the funnel counter). App, emulator, PostgreSQL and the load generator share the machine's cores, so latencies include queueing.`,
      rows: await benchCheckout(APP_URL, EMULATOR_URL, ROUNDS, SECONDS),
    });
  }
  if (wants("weight") && empty) {
    console.log(`› Page weight (${elapsed()})`);
    sections.push({
      title: "Page weight",
      method:
        "Every script response Chromium loads on a first visit (empty cache) until network idle, each gzipped at level 9 and summed; median of 3 visits. The baseline is an empty page (<h1> in a bare root layout) of a minimal Next app built in the same run with the same Next.js, Turbopack and client-relevant config (.data/bench/empty-app): the framework's own runtime. embed.js is public/embed.js from scripts/build-embed.ts, gzip -9 as its build budget measures it.",
      rows: await benchPageWeight(APP_URL, empty.url, 3),
    });
  }
  if (wants("lighthouse") && empty) {
    console.log(`› Lighthouse (${elapsed()})`);
    sections.push({
      title: "Lighthouse",
      method: `lighthouse 12.8 (npm) with Debian's ${chromiumVersion()} headless (--no-sandbox --disable-gpu --disable-background-networking), default settings: mobile emulation, simulated slow 4G and 4× CPU slowdown; performance and accessibility categories; 3 runs per page, median score; the empty Next page measured alongside.`,
      rows: await benchLighthouse(
        [
          { name: "/support", url: `${APP_URL}/support` },
          { name: "/demo/article", url: `${APP_URL}/demo/article` },
        ],
        `${empty.url}/`,
        3,
      ),
    });
  }
  if (wants("webhooks")) {
    console.log(`› Webhooks (${elapsed()})`);
    sections.push(await benchWebhooks());
  }

  const allRows = sections.flatMap((s) => s.rows);
  const missed = allRows.filter((r) => r.met === false);
  const report = [
    "# Benchmark results",
    "",
    `Measured ${new Date().toISOString()} by \`npm run bench\` (${elapsed()} in all) on ${machine()}.`,
    "Every figure is a median of several rounds, with its baseline measured in the same run on the same machine, alternating where the two share it.",
    "",
    table(allRows),
    "",
    missed.length
      ? `**Targets missed: ${missed.length}** (${missed.map((r) => r.name).join("; ")}). See the notes below.`
      : "All targets met in this run.",
    "",
    ...sections.flatMap((s) => [
      `## ${s.title}`,
      "",
      s.method,
      "",
      ...(s.misses && s.rows.some((r) => r.met === false) ? [`Missed: ${s.misses}`, ""] : []),
    ]),
  ].join("\n");
  console.log(`\n${report}`);
  mkdirSync("bench", { recursive: true });
  writeResultsJson("bench/results.json", allRows, machine());
  // A partial run's table would replace the whole report with a few rows: it is printed, and its figures go
  // into results.json only.
  if (!ONLY) writeFileSync("bench/RESULTS.md", report);
  else console.log("\n(BENCH_ONLY: bench/RESULTS.md left as it was; bench/results.json updated)");
} finally {
  for (const child of children) stopService(child);
  await database.drop();
  await small?.drop();
}
