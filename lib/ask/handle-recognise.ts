import { z } from "zod";
import { db } from "../db";
import { COLLECTED_PAYMENT_STATUSES } from "../rules/payment-status";
import { errorResponse, parseInput, readInput } from "../http/pipeline";
import { assertSameSite } from "../security/origin";
import { readReader, writeReader } from "./http";

const bodySchema = z.object({ sessionId: z.string().regex(/^cs_[A-Za-z0-9_]{1,200}$/) });

/**
 * POST /api/ask/recognise: called by the thank-you page once the webhook has recorded the payment. Marks this
 * browser as the supporter's, but only the browser that started that checkout (same reader key).
 */
export async function handleRecognise(request: Request): Promise<Response> {
  try {
    // Only our thank-you page calls this; another site must not mark a browser as a supporter's.
    assertSameSite(request);
    const { input } = await readInput(request, { maxBytes: 1024, accept: ["json"] });
    return await recognise(request, parseInput(bodySchema, input, "Unknown checkout."));
  } catch (error) {
    return errorResponse(error);
  }
}

async function recognise(request: Request, body: z.infer<typeof bodySchema>): Promise<Response> {
  const { state, context } = readReader(request);
  // A membership's first invoice can be recorded before Checkout's own "completed" event: either proves payment.
  const attempt = await db.checkoutAttempt.findUnique({
    where: { stripeSessionId: body.sessionId },
    select: {
      status: true,
      readerKey: true,
      supporterId: true,
      payments: {
        where: { status: { in: [...COLLECTED_PAYMENT_STATUSES] } },
        select: { supporterId: true },
        take: 1,
      },
    },
  });
  const supporterId = attempt?.supporterId ?? attempt?.payments[0]?.supporterId;
  const paid = attempt?.status === "COMPLETED" || Boolean(attempt?.payments.length);
  if (!attempt || !paid || !supporterId || attempt.readerKey !== state.k) {
    return Response.json({ recognised: false }, { status: 409 });
  }
  const response = Response.json({ recognised: true });
  writeReader(response, { ...state, p: supporterId }, context);
  return response;
}
