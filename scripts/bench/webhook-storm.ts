import type { BenchRow } from "./ask-decision";
import { runWebhookWorker } from "./webhook-run";

type StormResult = {
  events: number;
  supporters: number;
  deliveries: number;
  duplicates: number;
  retried: number;
  statuses: Record<string, number>;
  seconds: number;
  inOrderSeconds: number;
  converged: boolean;
  diff: string[];
  undelivered: string[];
};

export type WebhookStormOptions = {
  supporters?: number;
  oneTimeShare?: number;
  concurrency?: number;
  seed?: number;
};

/**
 * The full webhook storm (lib/stripe/webhook/storm.integration.test.ts runs a small one in `npm test`): ~2 000
 * supporters' lives on the emulator, 10 000+ events, delivered over HTTP to the real route handler shuffled, 20 %
 * twice, by 16 concurrent senders, every 5xx redelivered; then the same events applied once, in order, to a second
 * fresh database. Converged means the two databases hold the same supporters, memberships, payments, ledger,
 * checkout attempts and funnel counts.
 */
export async function benchWebhookStorm(
  databaseAdminUrl?: string,
  options: WebhookStormOptions = {},
): Promise<BenchRow[]> {
  const r = await runWebhookWorker<StormResult>("storm", databaseAdminUrl, {
    supporters: 2200,
    oneTimeShare: 0.85,
    concurrency: 16,
    ...options,
  });
  if (!r.converged) console.error(`webhook storm did not converge:\n${r.diff.join("\n")}`);
  const fiveXX = Object.entries(r.statuses)
    .filter(([s]) => s.startsWith("5"))
    .reduce((n, [, c]) => n + c, 0);
  return [
    {
      key: "webhooks.storm_converged",
      unit: "state",
      name: `Webhook storm: ${r.events} events, ${r.supporters} supporters, ${r.duplicates} duplicates, shuffled, 16 senders — same state as in-order`,
      value: r.converged && r.undelivered.length === 0 ? "converged" : "DIVERGED",
      baseline: `in order: ${r.inOrderSeconds.toFixed(1)} s`,
      ratio: "",
      target: "converged",
      met: r.converged && r.undelivered.length === 0,
    },
    {
      key: "webhooks.storm_deliveries_per_second",
      unit: "deliveries/s",
      name: `Webhook storm, deliveries/s (${r.deliveries} deliveries, ${fiveXX} answered 5xx and retried)`,
      value: (r.deliveries / r.seconds).toFixed(0),
      baseline: `${r.seconds.toFixed(1)} s`,
      ratio: "",
      target: "",
      met: null,
    },
  ];
}
