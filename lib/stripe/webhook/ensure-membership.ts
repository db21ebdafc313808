import { applyMembershipSnapshot, membershipSnapshot } from "../../membership/memberships";
import { resolveSupporter } from "../../membership/supporters";
import type { HandlerContext } from "./context";
import { subscriptionObject } from "./objects";

/**
 * The membership for a subscription, re-reading the subscription from Stripe when an invoice or session
 * arrives before the subscription's own event. A re-read is the state as of now, so it is stamped now.
 */
export async function ensureMembership(ctx: HandlerContext, subscriptionId: string): Promise<{ id: string; supporterId: string } | null> {
  const existing = await ctx.tx.membership.findUnique({
    where: { stripeSubscriptionId: subscriptionId },
    select: { id: true, supporterId: true },
  });
  if (existing) return existing;
  const fetched = subscriptionObject.parse(await ctx.stripe.subscriptions.retrieve(subscriptionId));
  const snapshot = membershipSnapshot(fetched, new Date());
  if (!snapshot) return null;
  const supporterId = await resolveSupporter(ctx.tx, { customerId: snapshot.stripeCustomerId });
  const id = await applyMembershipSnapshot(ctx.tx, supporterId, snapshot);
  return { id, supporterId };
}
