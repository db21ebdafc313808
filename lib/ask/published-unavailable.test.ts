import { beforeAll, describe, expect, it, vi } from "vitest";
import { handleCheckoutRequest } from "../checkout/handle-request";
import { setEnvForTests } from "../env";
import { handleAskConfig } from "./handle-ask-config";

/** A fresh instance that cannot read the published ask (its database is down) says so: a 503, never a 500. */
const APP = "http://127.0.0.1:3000";

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  setEnvForTests({
    APP_URL: APP,
    DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=1",
  });
});

describe("the published ask cannot be loaded", () => {
  it("checkout and the embed's config answer 503 with Retry-After", async () => {
    const checkout = await handleCheckoutRequest(
      new Request(`${APP}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP },
        body: JSON.stringify({ frequency: "ONCE", currency: "USD", amount: "2500" }),
      }),
    );
    expect(checkout.status).toBe(503);
    expect(checkout.headers.get("retry-after")).toBe("5");
    const config = await handleAskConfig(new Request(`${APP}/api/ask/config?locale=ru`));
    expect(config.status).toBe(503);
    expect(((await config.json()) as { error: { code: string } }).error.code).toBe("retry_later");
  });
});
