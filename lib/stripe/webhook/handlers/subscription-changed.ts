import { applyMembershipSnapshot, membershipSnapshot } from "../../../membership/memberships";
import { resolveSupporter } from "../../../membership/supporters";
import type { EventHandler } from "../context";
import { readSubscription } from "../ensure-membership";
import { subscriptionObject } from "../objects";

/** customer.subscription.created / .updated / .deleted: the event carries the whole subscription. */
export const subscriptionChanged: EventHandler = async (ctx) => {
  const sub = subscriptionObject.parse(ctx.event.data.object);
  const snapshot = membershipSnapshot(sub, ctx.occurredAt);
  if (!snapshot) return "ignored";
  const supporterId = await resolveSupporter(ctx.tx, { customerId: snapshot.stripeCustomerId });
  await applyMembershipSnapshot(ctx.tx, supporterId, snapshot, () =>
    readSubscription(ctx, sub.id, ctx.occurredAt),
  );
  return "applied";
};
