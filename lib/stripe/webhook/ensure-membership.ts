import type { MembershipStatus } from "../../../generated/prisma/enums";
import {
  applyMembershipSnapshot,
  findMembership,
  membershipSnapshot,
  type MembershipSnapshot,
} from "../../membership/memberships";
import { resolveSupporter } from "../../membership/supporters";
import type { HandlerContext } from "./context";
import { subscriptionObject } from "./objects";

/** The subscription as Stripe holds it now: the tie-breaker when events cannot be ordered. */
export async function readSubscription(
  ctx: HandlerContext,
  subscriptionId: string,
  stateAt: Date,
): Promise<MembershipSnapshot | null> {
  const fetched = subscriptionObject.parse(await ctx.stripe.subscriptions.retrieve(subscriptionId));
  return membershipSnapshot(fetched, stateAt);
}

/**
 * The membership for a subscription, re-reading the subscription from Stripe when an invoice or session
 * arrives before the subscription's own event. A re-read is the state as of now, so it is stamped now. With
 * its status as recorded (or just re-read), so callers need not read the row again.
 */
export async function ensureMembership(
  ctx: HandlerContext,
  subscriptionId: string,
): Promise<{ id: string; supporterId: string; status: MembershipStatus } | null> {
  const existing = await findMembership(ctx.tx, subscriptionId);
  if (existing) return existing;
  const snapshot = await readSubscription(ctx, subscriptionId, new Date());
  if (!snapshot) return null;
  const supporterId = await resolveSupporter(ctx.tx, { customerId: snapshot.stripeCustomerId });
  const id = await applyMembershipSnapshot(ctx.tx, supporterId, snapshot, async () => snapshot);
  return { id, supporterId, status: snapshot.status };
}
