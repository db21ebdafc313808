import { applyRefund } from "../../../membership/payments";
import type { EventHandler } from "../context";
import { chargeObject } from "../objects";

/** charge.refunded: the charge carries the cumulative refunded amount, so applying it twice is harmless. */
export const chargeRefunded: EventHandler = async (ctx) => {
  const charge = chargeObject.parse(ctx.event.data.object);
  if (!charge.payment_intent) return "ignored";
  await applyRefund(ctx.tx, charge.payment_intent, charge.amount_refunded);
  return "applied";
};
