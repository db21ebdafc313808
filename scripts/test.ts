/**
 * `npm test`: Vitest (unit and integration; integration tests make their own PostgreSQL databases) and then
 * Playwright in Debian's Chromium against the built app on a fresh PostgreSQL database made for this run.
 * Ends with one line "N passed, N failed" summing both suites; exits non-zero when anything failed.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { adminUrl, createTestDatabase, isPostgresReachable } from "@/test/db/test-database";
import { buildIsStale } from "./lib/build-freshness";
import { run } from "./lib/processes";

type Counts = { passed: number; failed: number; skipped: number };

const RESULTS = ".data/test-results";
mkdirSync(RESULTS, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.argv[2]; // "unit" or "e2e" to run one suite

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function vitest(): Promise<Counts> {
  const out = `${RESULTS}/vitest.json`;
  const ok = await run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${out}`],
    { env },
  ).then(
    () => true,
    () => false,
  );
  const report = readJson(out) as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
  } | null;
  const counts = {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: report?.numPendingTests ?? 0,
  };
  // A crash before any test ran (bad config, failed import) still has to fail the run.
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function playwright(): Promise<Counts> {
  if (!(await isPostgresReachable())) {
    console.error(
      `PostgreSQL is not reachable at ${adminUrl()}: the end-to-end suite needs it (set TEST_DATABASE_ADMIN_URL).`,
    );
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const database = await createTestDatabase();
  try {
    await run("npx", ["tsx", "scripts/build-embed.ts"], { env }); // rewrites public/embed.js only when it changed
    if (buildIsStale(process.cwd())) await run("npx", ["next", "build"], { env });
    const out = `${RESULTS}/playwright.json`;
    const ok = await run("npx", ["playwright", "test"], {
      env: { ...env, DATABASE_URL: database.url, PLAYWRIGHT_JSON: out },
    }).then(
      () => true,
      () => false,
    );
    const stats = (readJson(out)?.stats ?? {}) as {
      expected?: number;
      unexpected?: number;
      flaky?: number;
      skipped?: number;
    };
    const counts = {
      passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
      failed: stats.unexpected ?? 0,
      skipped: stats.skipped ?? 0,
    };
    if (!ok && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    await database
      .drop()
      .catch((error: unknown) => console.error(`could not drop ${database.name}:`, error));
  }
}

const suites: Counts[] = [];
if (only !== "e2e") suites.push(await vitest());
if (only !== "unit") suites.push(await playwright());
const total = suites.reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
}));
console.log(
  `\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
);
process.exit(total.failed > 0 ? 1 : 0);
