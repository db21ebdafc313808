import Stripe from "stripe";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { describeError } from "../security/redact";

/**
 * A Stripe Customer Portal session for one of the reader's own memberships. The membership id comes from the
 * browser, so it is looked up together with the signed-in supporter: someone else's id is simply not found.
 */
export async function createPortalSession(
  deps: { db: Db; stripe: Stripe; appUrl: string },
  supporterId: string,
  membershipId: string,
): Promise<string> {
  const membership = await deps.db.membership.findFirst({
    where: { id: membershipId, supporterId },
    select: { stripeCustomerId: true },
  });
  if (!membership) throw new AppError("not_found", "No such membership on your account.");
  try {
    const session = await deps.stripe.billingPortal.sessions.create({
      customer: membership.stripeCustomerId,
      return_url: new URL("/account?from=portal", deps.appUrl).toString(),
    });
    return session.url;
  } catch (error) {
    if (isMissingCustomer(error)) {
      // Stripe answered, and has no such customer: a retry will not help, so say what happened.
      console.error(
        `billing portal: Stripe has no customer ${membership.stripeCustomerId} (membership ${membershipId})`,
      );
      throw new AppError("not_found", CUSTOMER_MISSING_MESSAGE, { reason: "customer_missing" });
    }
    console.error(`billing portal session failed: ${describeError(error)}`);
    throw new AppError(
      "upstream_unavailable",
      "We could not reach our payment provider. Please try again in a minute.",
    );
  }
}

export const CUSTOMER_MISSING_MESSAGE =
  "Our payment provider has no record of the customer behind this membership, so its page cannot open. " +
  "Nothing was changed; please contact us and we will put it right.";

function isMissingCustomer(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return false;
  return error.code === "resource_missing" && error.param === "customer";
}
