import type { BenchRow } from "./ask-decision";
import { benchWebhookIngestion, webhookIngestionNote } from "./webhook-ingestion";
import { benchWebhookStorm } from "./webhook-storm";

/**
 * Webhook ingestion and the full event storm, measured by webhook-ingestion.ts and webhook-storm.ts (the webhook
 * work's own pieces, each in its own process on its own fresh databases and emulator); placed here in the report.
 */
export async function benchWebhooks(): Promise<{
  title: string;
  method: string;
  rows: BenchRow[];
}> {
  const ingestion = await benchWebhookIngestion();
  const storm = await benchWebhookStorm();
  return {
    title: "Webhooks",
    method: `${webhookIngestionNote(ingestion)}\n\nThe storm: about 2 000 supporters' lives on the emulator, 10 000+ events delivered over HTTP to the real route handler shuffled, 20 % twice, by 16 concurrent senders, every 5xx redelivered; then the same events applied once, in order, to a second fresh database; converged means both databases hold the same state.`,
    rows: [...ingestion, ...storm],
  };
}
