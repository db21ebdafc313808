import { performance } from "node:perf_hooks";
import { decideAsk } from "../../lib/ask/should-show-ask";
import { encodeReaderState, newReaderState, readReaderState } from "../../lib/ask/reader-state";
import { flankedRatios, load, median } from "./load";

export type BenchRow = {
  /** Its stable name in bench/results.json (section.measure), kept across runs and wording changes. */
  key: string;
  /** What `value` is counted in (req/s, ms, µs, KB, score, events/s, …). */
  unit: string;
  name: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
};

/** Server work of one anonymous decision, in process: verify the cookie, decide. */
function microseconds(): number {
  const secret = "bench-secret-bench-secret-bench-secret";
  const token = encodeReaderState({ ...newReaderState(), d: 1_700_000_000 }, secret);
  const n = 50_000;
  const start = performance.now();
  for (let i = 0; i < n; i++)
    decideAsk(readReaderState(token, secret).state, "none", 1_800_000_000, 5);
  return ((performance.now() - start) * 1000) / n;
}

/**
 * GET /api/ask for an anonymous (returning) reader against GET /api/health, a bare route handler on the same
 * server, alternated over several rounds; the ratio of medians is the figure of merit.
 */
export async function benchAskDecision(
  appUrl: string,
  rounds: number,
  seconds: number,
): Promise<BenchRow[]> {
  const first = await fetch(`${appUrl}/api/ask?surface=article`);
  const cookie = first.headers.get("set-cookie")?.split(";")[0];
  if (!first.ok || !cookie)
    throw new Error(`GET /api/ask answered ${first.status} without a reader cookie`);

  const askP99: number[] = [];
  const {
    ratio,
    subject: ask,
    baseline: bare,
  } = await flankedRatios(
    rounds,
    async () =>
      (await load(`${appUrl}/api/health`, { seconds, connections: 20 })).requestsPerSecond,
    async () => {
      const run = await load(`${appUrl}/api/ask?surface=article`, {
        seconds,
        connections: 20,
        headers: { cookie },
      });
      if (run.non2xx > 0 || run.errors > 0)
        throw new Error(`ask decision: ${run.non2xx} non-2xx, ${run.errors} errors`);
      askP99.push(run.p99Ms);
      return run.requestsPerSecond;
    },
  );
  const micro = microseconds();
  return [
    {
      key: "ask.decision_ratio",
      unit: "req/s",
      name: "Ask decision, GET /api/ask (anonymous), req/s",
      value: median(ask).toFixed(0),
      baseline: `${median(bare).toFixed(0)} (bare route)`,
      ratio: ratio.toFixed(2),
      target: "≥ 0.80",
      met: ratio >= 0.8,
    },
    {
      key: "ask.p99_ms",
      unit: "ms",
      name: "Ask decision, p99 latency at 20 connections (ms)",
      value: median(askP99).toFixed(1),
      baseline: "",
      ratio: "",
      target: "",
      met: null,
    },
    {
      key: "ask.server_us_per_call",
      unit: "µs",
      name: "Ask decision, server work per call (µs, in process)",
      value: micro.toFixed(1),
      baseline: "",
      ratio: "",
      target: "< 1000",
      met: micro < 1000,
    },
  ];
}
