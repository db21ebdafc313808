import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HANDLED_EVENT_TYPES } from "../webhook/handlers";

/**
 * The endpoint's events (README's list, which an operator copies into Stripe) are exactly the types the webhook
 * acts on, which are also the types reconcile asks Stripe's event list for: at most 20 (Stripe's limit on `types`).
 */
describe("the event types", () => {
  it("README subscribes the endpoint to exactly the handled types, disputes included", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(
      readme.indexOf("   - Events:"),
      readme.indexOf("   An event rendered in any other API version"),
    );
    const listed = [...section.matchAll(/`([a-z_.]+)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
    expect(HANDLED_EVENT_TYPES).toEqual(
      expect.arrayContaining([
        "charge.dispute.created",
        "charge.dispute.updated",
        "charge.dispute.closed",
      ]),
    );
  });

  it("fits in one events.list call's types filter", () => {
    expect(HANDLED_EVENT_TYPES.length).toBeLessThanOrEqual(20);
  });
});
