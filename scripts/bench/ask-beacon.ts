import pg from "pg";
import type { BenchRow } from "./ask-decision";
import { flankedRatios, load, median } from "./load";

const READER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

/**
 * Every statement that writes the funnel's counters, counted by PostgreSQL itself: a statement-level trigger on
 * "AskDailyStat" (every write there is an INSERT … ON CONFLICT, so its INSERT trigger fires once per statement,
 * however many rows it writes). Installed on the bench's own throwaway database only.
 */
async function countFunnelStatements(client: pg.Client): Promise<() => Promise<number>> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS bench_funnel_statements (n bigint NOT NULL);
    INSERT INTO bench_funnel_statements SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM bench_funnel_statements);
    CREATE OR REPLACE FUNCTION bench_count_funnel_statement() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN UPDATE bench_funnel_statements SET n = n + 1; RETURN NULL; END $$;
    DROP TRIGGER IF EXISTS bench_funnel_statements ON "AskDailyStat";
    CREATE TRIGGER bench_funnel_statements AFTER INSERT ON "AskDailyStat"
      FOR EACH STATEMENT EXECUTE FUNCTION bench_count_funnel_statement();`);
  return async () =>
    Number((await own<{ n: string }>(client, `SELECT n FROM bench_funnel_statements`)).rows[0]!.n);
}

// This client's own statements, each its own transaction: taken off the database's committed transactions.
let ownStatements = 0;
function own<R extends pg.QueryResultRow>(client: pg.Client, text: string) {
  ownStatements++;
  return client.query<R>(text);
}

const impressionsIn = async (client: pg.Client) =>
  Number(
    (await own<{ n: string | null }>(client, `SELECT sum(impressions) AS n FROM "AskDailyStat"`))
      .rows[0]!.n ?? 0,
  );

/** The transactions PostgreSQL has committed in this database (every statement outside one is its own). */
const commits = async (client: pg.Client) =>
  Number(
    (
      await own<{ n: string }>(
        client,
        `SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`,
      )
    ).rows[0]!.n,
  );

/**
 * POST /api/ask/event (a returning reader's impression beacon, as the page sends it) against GET /api/health,
 * the bare route, alternated; then what the beacons cost the database: statements writing the counters per
 * 1 000 impressions (counted by a trigger), and every transaction the database committed meanwhile
 * (pg_stat_database, after its statistics settled) as a cross-check. Every 2xx must be in the counters.
 */
export async function benchAskBeacon(
  appUrl: string,
  databaseUrl: string,
  rounds: number,
  seconds: number,
): Promise<BenchRow[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const statements = await countFunnelStatements(client);
    const first = await fetch(`${appUrl}/api/ask?surface=article`, {
      headers: { "user-agent": READER_AGENT },
    });
    const cookie = first.headers.get("set-cookie")?.split(";")[0];
    if (!first.ok || !cookie)
      throw new Error(`GET /api/ask answered ${first.status} without a reader cookie`);

    const impressionsBefore = await impressionsIn(client);
    const statementsBefore = await statements();
    const commitsBefore = await commits(client);
    const ownBefore = ownStatements;
    const beaconP99: number[] = [];
    let sent = 0;
    const {
      ratio,
      subject: beacon,
      baseline: bare,
    } = await flankedRatios(
      rounds,
      async () =>
        (await load(`${appUrl}/api/health`, { seconds, connections: 20 })).requestsPerSecond,
      async () => {
        const run = await load(`${appUrl}/api/ask/event`, {
          seconds,
          connections: 20,
          method: "POST",
          // As the page's beacon: JSON as text/plain (no preflight), the reader's cookie, a browser.
          headers: {
            "content-type": "text/plain;charset=UTF-8",
            cookie,
            "user-agent": READER_AGENT,
          },
          body: JSON.stringify({ type: "impression", surface: "article", variant: "default" }),
        });
        if (run.non2xx > 0 || run.errors > 0)
          throw new Error(`impression beacon: ${run.non2xx} non-2xx, ${run.errors} errors`);
        beaconP99.push(run.p99Ms);
        sent += run.statuses["2xx"] ?? 0;
        return run.requestsPerSecond;
      },
    );

    // The last flush comes within about a second. Every beacon answered must then be counted, and at most the
    // requests still in flight when each round stopped (one per connection) besides: the server took those too.
    const inFlight = 20 * rounds;
    console.log(
      `  beacon ${beacon.map((n) => n.toFixed(0)).join(", ")} req/s; bare ${bare.map((n) => n.toFixed(0)).join(", ")}`,
    );
    let counted = 0;
    for (let waited = 0; waited < 15_000; waited += 250) {
      counted = (await impressionsIn(client)) - impressionsBefore;
      if (counted >= sent) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (counted < sent || counted > sent + inFlight)
      throw new Error(`impression beacon: ${sent} answered 204 but ${counted} counted`);
    const written = (await statements()) - statementsBefore;
    // Backends report their statistics when idle, at most every 10 s: wait for them to settle.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    // Less this client's own reads since the first snapshot, that one included (the last is not yet reported).
    const ownReads = ownStatements - ownBefore + 1;
    const allCommits = (await commits(client)) - commitsBefore - ownReads;

    const perThousand = (written / counted) * 1000;
    return [
      {
        key: "ask.beacon_ratio",
        unit: "req/s",
        name: "Impression beacon, POST /api/ask/event, req/s",
        value: median(beacon).toFixed(0),
        baseline: `${median(bare).toFixed(0)} (bare route)`,
        ratio: ratio.toFixed(2),
        target: "≥ 0.80",
        met: ratio >= 0.8,
      },
      {
        key: "ask.beacon_p99_ms",
        unit: "ms",
        name: "Impression beacon, p99 latency at 20 connections (ms)",
        value: median(beaconP99).toFixed(1),
        baseline: "",
        ratio: "",
        target: "",
        met: null,
      },
      {
        key: "ask.statements_per_1000_impressions",
        unit: "statements",
        name: `Database statements writing the funnel per 1 000 impressions (${written} for ${counted.toLocaleString("en")}, every 204 counted)`,
        value: perThousand.toFixed(2),
        baseline: `${((allCommits / counted) * 1000).toFixed(2)} (all transactions committed, pg_stat_database)`,
        ratio: "",
        target: "≤ 5",
        met: perThousand <= 5,
      },
    ];
  } finally {
    await client.end();
  }
}
