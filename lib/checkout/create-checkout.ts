import type Stripe from "stripe";
import { countFunnelStep } from "../ask/funnel";
import { getSqlDb } from "../db";
import { createAttempt, failAttempt, setAttemptSession } from "./attempts";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { describeError } from "../security/redact";
import { stripe } from "../stripe/client";
import type { CheckoutChoice } from "./checkout-request";
import { checkoutSessionParams } from "./session-params";

type Deps = { stripe: Stripe; appUrl: string; publication: string };

function defaultDeps(): Deps {
  const config = env();
  return { stripe: stripe(), appUrl: config.APP_URL, publication: config.PUBLICATION_NAME };
}

/**
 * Stores the attempt first (so the funnel and support staff see it even if Stripe fails), then creates the
 * Checkout Session with the attempt as idempotency key: a retried request can never create two sessions.
 */
export async function createCheckout(
  choice: CheckoutChoice,
  readerKey: string | null = null,
  { countInFunnel = true }: { countInFunnel?: boolean } = {},
  deps: Deps = defaultDeps(),
): Promise<{ attemptId: string; url: string }> {
  const sql = getSqlDb();
  const attemptId = await createAttempt(sql, {
    frequency: choice.frequency,
    amount: choice.amount,
    currency: choice.currency,
    surface: choice.surface,
    variant: choice.variant,
    readerKey,
    inFunnel: countInFunnel,
  });

  // The reader pressed Continue with a valid choice (with or without JavaScript): counted here, on the server.
  if (countInFunnel)
    await countFunnelStep(sql, "continues", {
      surface: choice.surface,
      variant: choice.variant,
      at: new Date(),
    });

  let session: Stripe.Checkout.Session;
  try {
    session = await deps.stripe.checkout.sessions.create(
      checkoutSessionParams(choice, {
        attemptId: attemptId,
        appUrl: deps.appUrl,
        publication: deps.publication,
      }),
      { idempotencyKey: `checkout-attempt-${attemptId}` },
    );
  } catch (error) {
    await failAttempt(sql, attemptId);
    console.error(
      `checkout: Stripe refused or was unreachable (attempt ${attemptId}): ${describeError(error)}`,
    );
    throw new AppError(
      "upstream_unavailable",
      "We could not reach our payment provider. Please try again in a moment.",
    );
  }
  if (!session.url)
    throw new AppError("upstream_unavailable", "The payment provider returned no checkout page.");

  await setAttemptSession(sql, attemptId, session.id);
  if (countInFunnel)
    await countFunnelStep(sql, "checkouts", {
      surface: choice.surface,
      variant: choice.variant,
      at: new Date(),
    });
  return { attemptId: attemptId, url: session.url };
}
