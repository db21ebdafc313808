import { handleWebhookRequest } from "@/lib/stripe/webhook/handle-request";

// Stripe signs the raw body: the handler reads it with request.text() before anything parses it.
export const dynamic = "force-dynamic";

export const POST = handleWebhookRequest;
