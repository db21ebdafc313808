import { randomUUID } from "node:crypto";
import { checkoutSessionParams } from "../../lib/checkout/session-params";
import type { CheckoutChoice } from "../../lib/checkout/checkout-request";
import type { BenchRow } from "./ask-decision";
import { load, median } from "./load";

/**
 * Checkout creation at 50 concurrent readers: POST /api/checkout (validate, rate limits in PostgreSQL, store the
 * attempt, create the Checkout Session on the emulator, record it, count the funnel step) against the emulator's
 * own POST /v1/checkout/sessions with the same parameters, alternated over several rounds on this machine. The
 * server overhead is the difference of the two latencies: what our endpoint adds to Stripe's own time.
 */
const CONNECTIONS = 50;
/** A reader's browser: scripted clients' checkouts skip the funnel counter, which this measures too. */
const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
const choice: CheckoutChoice = {
  frequency: "ONCE",
  currency: "USD",
  amount: 2500,
  surface: "support-page",
  variant: "default",
};

/** Stripe's form encoding (the SDK's): nested objects and arrays as a[b][0][c]=…. */
export function stripeForm(value: unknown, prefix = ""): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => stripeForm(v, `${prefix}[${i}]`));
  if (typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => stripeForm(v, prefix ? `${prefix}[${k}]` : k));
  return [`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`];
}

export async function benchCheckout(
  appUrl: string,
  emulatorUrl: string,
  rounds: number,
  seconds: number,
): Promise<BenchRow[]> {
  const appBody = JSON.stringify({
    frequency: choice.frequency,
    currency: choice.currency,
    amount: String(choice.amount),
  });
  const stripeBody = stripeForm(
    checkoutSessionParams(choice, {
      attemptId: "bench",
      appUrl,
      publication: "The Independent Ledger",
    }),
  ).join("&");
  const app = {
    p50: [] as number[],
    p99: [] as number[],
    rps: [] as number[],
    alone: [] as number[],
  };
  const stripe = {
    p50: [] as number[],
    p99: [] as number[],
    rps: [] as number[],
    alone: [] as number[],
  };
  // Readers come from their own addresses (the app reads the client from X-Forwarded-For, as behind a proxy), so
  // each has its own rate-limit counters rather than all 50 queueing on one address's row.
  let sent = 0;
  const reader = () => ({ "x-forwarded-for": `198.51.100.${(sent++ % CONNECTIONS) + 1}` });
  const ourRequest = (connections: number, secs: number) =>
    load(`${appUrl}/api/checkout`, {
      seconds: secs,
      connections,
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl, "user-agent": BROWSER },
      body: appBody,
      perRequestHeaders: reader,
    });
  const theirRequest = (connections: number, secs: number) =>
    load(`${emulatorUrl}/v1/checkout/sessions`, {
      seconds: secs,
      connections,
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: "Bearer sk_test_local_emulator",
        "stripe-version": "2026-10-28.endive",
      },
      body: stripeBody,
      perRequestHeaders: () => ({ "idempotency-key": randomUUID() }),
    });
  for (let round = 0; round < rounds; round++) {
    // One reader at a time: the endpoint's own cost, without queueing behind 49 others.
    app.alone.push((await ourRequest(1, Math.max(1, seconds / 2))).p50Ms);
    stripe.alone.push((await theirRequest(1, Math.max(1, seconds / 2))).p50Ms);
    const ours = await ourRequest(CONNECTIONS, seconds);
    if (ours.non2xx > 0 || ours.errors > 0)
      throw new Error(
        `checkout: ${ours.non2xx} non-2xx (${JSON.stringify(ours.statuses)}), ${ours.errors} errors`,
      );
    const theirs = await theirRequest(CONNECTIONS, seconds);
    if (theirs.non2xx > 0 || theirs.errors > 0)
      throw new Error(
        `emulator: ${theirs.non2xx} non-2xx (${JSON.stringify(theirs.statuses)}), ${theirs.errors} errors`,
      );
    for (const [into, from] of [
      [app, ours],
      [stripe, theirs],
    ] as const) {
      into.p50.push(from.p50Ms);
      into.p99.push(from.p99Ms);
      into.rps.push(from.requestsPerSecond);
    }
  }
  const row = (key: string, name: string, ours: number, theirs: number): BenchRow => ({
    key,
    unit: "ms",
    name,
    value: ours.toFixed(0),
    baseline: `${theirs.toFixed(0)} (emulator alone)`,
    ratio: `+${(ours - theirs).toFixed(0)} ms overhead`,
    target: "",
    met: null,
  });
  return [
    row(
      "checkout.p50_ms_alone",
      "Checkout creation, one reader at a time, p50 latency (ms)",
      median(app.alone),
      median(stripe.alone),
    ),
    row(
      "checkout.p50_ms_concurrent",
      `Checkout creation at ${CONNECTIONS} concurrent readers, p50 latency (ms)`,
      median(app.p50),
      median(stripe.p50),
    ),
    row(
      "checkout.p99_ms_concurrent",
      `Checkout creation at ${CONNECTIONS} concurrent readers, p99 latency (ms)`,
      median(app.p99),
      median(stripe.p99),
    ),
    {
      key: "checkout.sessions_ratio",
      unit: "sessions/s",
      name: `Checkout creation at ${CONNECTIONS} concurrent readers, sessions/s`,
      value: median(app.rps).toFixed(0),
      baseline: `${median(stripe.rps).toFixed(0)} (emulator alone)`,
      ratio: (median(app.rps) / median(stripe.rps)).toFixed(2),
      target: "",
      met: null,
    },
  ];
}
