import { handleWebhookRequest } from "@/lib/stripe/webhook/handle-request";

// Stripe signs the raw body: the handler reads it (bounded, lib/http/read-body.ts) before anything parses it.
export const dynamic = "force-dynamic";

export const POST = handleWebhookRequest;
