import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../context";
import { ApiError } from "../errors";
import { API_VERSION } from "../events";
import { expand } from "../expand";
import { parseForm } from "../form";
import { readBody, sendJson } from "../http";
import { newId } from "../ids";
import { Params } from "../params";
import { Router } from "../router";
import type { ApiHandler } from "./types";
import { billingRoutes } from "./v1-billing";
import { checkoutRoutes } from "./v1-checkout";
import { eventRoutes } from "./v1-events";
import { invoicePaymentRoutes } from "./v1-invoice-payments";
import { paymentRoutes } from "./v1-payments";

/** Any test-mode key works (the app uses e.g. `sk_test_emulator`); none is a 401 like Stripe's. */
function authenticate(req: IncomingMessage): void {
  const header = req.headers.authorization ?? "";
  const key = header.startsWith("Bearer ")
    ? header.slice(7).trim()
    : header.startsWith("Basic ")
      ? (Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0] ?? "")
      : "";
  if (!key) {
    throw new ApiError(401, {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  }
  if (!/^(sk|rk)_test_/.test(key)) {
    throw new ApiError(401, {
      type: "invalid_request_error",
      message: `Invalid API Key provided: ${key.slice(0, 8)}***. The Stripe emulator only accepts test keys (sk_test_…).`,
    });
  }
}

function unrecognized(method: string, path: string): ApiError {
  return new ApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator implements only the endpoints this app uses.`,
  });
}

/** Stripe's HTTP API under /v1: authentication, form decoding, idempotency, expand[], Stripe-shaped errors. */
export function createApi(emu: Emulator, log: (message: string) => void) {
  const router = new Router<ApiHandler>();
  checkoutRoutes(router);
  billingRoutes(router);
  paymentRoutes(router);
  eventRoutes(router);
  invoicePaymentRoutes(router);
  const idempotency = emu.idempotency;

  return async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    const requestId = newId("req_");
    const method = req.method ?? "GET";
    const headers: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": String(req.headers["stripe-version"] ?? API_VERSION),
    };
    try {
      authenticate(req);
      const form = parseForm(method === "POST" ? await readBody(req) : url.search.slice(1));
      const match = router.match(method, url.pathname);
      if (!match || "notAllowed" in match) throw unrecognized(method, url.pathname);
      const key = method === "POST" ? req.headers["idempotency-key"]?.toString() : undefined;
      const fingerprint = idempotency.fingerprint(method, url.pathname, form);
      const saved = key ? idempotency.replay(key, fingerprint) : undefined;
      if (key && saved) {
        return sendJson(res, saved.status, saved.body, {
          ...headers,
          "request-id": saved.requestId,
          "idempotency-key": key,
          "idempotent-replayed": "true",
        });
      }
      const expandPaths = new Params(form).strings("expand");
      delete form.expand;
      const outcome = emu.withOrigin({ id: requestId, idempotency_key: key ?? null }, () => {
        try {
          const result = match.handler({ emu, path: match.params, params: new Params(form) });
          return {
            status: 200,
            body: JSON.stringify(expand(emu, structuredClone(result), expandPaths), null, 2),
          };
        } catch (error) {
          if (!(error instanceof ApiError) || error.validation) throw error;
          return { status: error.status, body: JSON.stringify(error.toJSON(), null, 2) };
        }
      });
      if (key) idempotency.save(key, fingerprint, { ...outcome, requestId });
      sendJson(
        res,
        outcome.status,
        outcome.body,
        key ? { ...headers, "idempotency-key": key } : headers,
      );
    } catch (error) {
      if (error instanceof ApiError) return sendJson(res, error.status, error.toJSON(), headers);
      log(
        `${method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendJson(
        res,
        500,
        {
          error: {
            type: "api_error",
            message: "An unexpected error occurred in the Stripe emulator.",
          },
        },
        { ...headers, "stripe-should-retry": "false" },
      );
    }
  };
}
