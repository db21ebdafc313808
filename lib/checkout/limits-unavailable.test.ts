import { beforeAll, describe, expect, it, vi } from "vitest";
import { handleCheckoutRequest } from "./handle-request";
import { handleRemindLater } from "../ask/handle-remind-later";
import { setEnvForTests } from "../env";
import { defaultAskSettings } from "../ask/settings";

// The published ask is in this instance's memory already (it is loaded once, then checked every 2 s): what is
// down here is the store of the rate limits.
vi.mock("../ask/published", () => ({
  publishedAsk: async () => ({ version: 0, settings: defaultAskSettings() }),
}));

/**
 * When the rate limits cannot be checked at all (their store is down and there is no fallback), checkout and
 * "remind me later" refuse: 503 with Retry-After for JSON, and back to the ask with a message for form posts,
 * never a 500 and never a request let through unchecked.
 */
const APP = "http://127.0.0.1:3000";

beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  delete process.env.REDIS_URL;
  setEnvForTests({
    APP_URL: APP,
    DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=1",
  });
});

function request(path: string, form: boolean, body: Record<string, string>) {
  return new Request(`${APP}${path}`, {
    method: "POST",
    headers: {
      "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
      origin: APP,
      "x-forwarded-for": "192.0.2.90",
    },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}

describe("rate limits that cannot be checked", () => {
  it("checkout: 503 JSON with Retry-After, and a form post back to /support?unavailable=1 with the choice", async () => {
    const choice = { frequency: "ONCE", currency: "USD", amount: "2500" };
    const json = await handleCheckoutRequest(request("/api/checkout", false, choice));
    expect(json.status).toBe(503);
    expect(json.headers.get("retry-after")).toBe("60");
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("retry_later");
    const form = await handleCheckoutRequest(request("/api/checkout", true, choice));
    expect(form.status).toBe(303);
    const back = new URL(form.headers.get("location")!);
    expect(back.pathname).toBe("/support");
    expect(Object.fromEntries(back.searchParams)).toEqual({ ...choice, unavailable: "1" });
  });

  it("remind me later: a form post goes back to its page with ?remind=unavailable", async () => {
    const form = await handleRemindLater(
      request("/api/ask/remind-later", true, { choice: "week", returnTo: "/demo/article" }),
    );
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`${APP}/demo/article?remind=unavailable`);
  });
});
