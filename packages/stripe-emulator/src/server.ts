import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Emulator } from "./context";
import { DEFAULT_RETRY_DELAYS_MS } from "./delivery";
import { ApiError } from "./errors";
import { parseForm } from "./form";
import { StateFile } from "./persistence";
import { readBody, sendHtml, sendJson } from "./http";
import { showCheckout, submitCheckout } from "./pages/checkout-page";
import { showInvoice, showReceipt } from "./pages/documents";
import { html, page } from "./pages/html";
import { portalAction, portalPaymentMethod, showPortal } from "./pages/portal-page";
import type { PageHandler } from "./pages/types";
import { Router } from "./router";
import { createApi } from "./routes/api";
import { controlRouter } from "./routes/control";

export interface EmulatorOptions {
  /** 0 picks a free port (tests). Default 12111. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (never exposed beyond the machine). */
  host?: string;
  /** Where webhooks go; null records events without delivering them. */
  webhookUrl?: string | null;
  webhookSecret: string;
  /** Waits between delivery attempts (ms). Default 0.2s, 0.5s, 1s, 2s, 4s, 8s, 8s: eight attempts. */
  retryDelaysMs?: readonly number[];
  /** Base URL of hosted pages if the browser reaches the emulator by another address. */
  publicUrl?: string;
  /**
   * A JSON file the state is kept in across restarts (loaded at start, written atomically and debounced after
   * changes, and on close); without it the state lives in memory only (tests).
   */
  statePath?: string;
  log?: (message: string) => void;
}

export interface RunningEmulator {
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

const pages = new Router<PageHandler>()
  .on("GET", "/c/pay/:id", showCheckout)
  .on("POST", "/c/pay/:id", submitCheckout)
  .on("GET", "/p/session/:id", showPortal)
  .on("POST", "/p/session/:id/subscriptions/:sub/:action", portalAction)
  .on("POST", "/p/session/:id/payment_method", portalPaymentMethod)
  .on("GET", "/receipts/:id", showReceipt)
  .on("GET", "/invoices/:id", showInvoice)
  .on("GET", "/invoices/:id/pdf", showInvoice)
  .on("GET", "/favicon.ico", ({ res }) => void res.writeHead(204).end())
  .on("GET", "/", ({ res }) =>
    sendHtml(
      res,
      200,
      page(
        "Stripe emulator",
        html`<h1>Stripe emulator</h1><p>The Stripe API is served under <code>/v1</code>; test helpers under <code>/_emulator</code>.</p>`,
      ),
    ),
  );

const control = controlRouter();

async function handleControl(
  emu: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const match = control.match(req.method ?? "GET", url.pathname);
    if (!match || "notAllowed" in match)
      throw new ApiError(404, {
        type: "invalid_request_error",
        message: `No emulator endpoint ${req.method} ${url.pathname}`,
      });
    const text = req.method === "POST" ? await readBody(req) : "";
    let body: Record<string, unknown> = {};
    try {
      body = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new ApiError(400, { type: "invalid_request_error", message: "The body must be JSON." });
    }
    const result = await emu.withOrigin(null, () => match.handler(emu, match.params, body));
    sendJson(res, 200, result);
  } catch (error) {
    if (error instanceof ApiError) return sendJson(res, error.status, error.toJSON());
    throw error;
  }
}

async function handlePage(
  emu: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const match = pages.match(req.method ?? "GET", url.pathname);
  if (!match || "notAllowed" in match) {
    return sendHtml(
      res,
      404,
      page("Not found", html`<h1>Not found</h1><p>There is no page at this address.</p>`),
    );
  }
  const form = req.method === "POST" ? parseForm(await readBody(req)) : {};
  match.handler({ emu, res, path: match.params, url, form });
}

/** Starts the emulator; resolves once it listens. `close()` stops the server and pending deliveries. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const log = options.log ?? ((message: string) => console.log(`[stripe-emulator] ${message}`));
  const emu = new Emulator({
    url:
      options.webhookUrl === undefined
        ? "http://127.0.0.1:3000/api/stripe/webhook"
        : options.webhookUrl,
    secret: options.webhookSecret,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    log,
  });
  const state = options.statePath ? new StateFile(emu, options.statePath, 250, log) : null;
  const loaded = state?.load();
  if (state) {
    log(
      loaded
        ? `restored ${loaded.objects} objects and ${loaded.events} events from ${state.path}`
        : `keeping state in ${state.path}`,
    );
    emu.onChange = () => state.schedule();
  }
  const api = createApi(emu, log);
  const server = createServer((req, res) => {
    // Creating a session or a portal session changes state without an event: any non-GET request may have.
    if (req.method !== "GET" && req.method !== "HEAD") res.once("finish", () => emu.changed());
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const handle = url.pathname.startsWith("/v1/")
      ? api(req, res, url)
      : url.pathname.startsWith("/_emulator/")
        ? handleControl(emu, req, res, url)
        : handlePage(emu, req, res, url);
    handle.catch((error: unknown) => {
      log(
        `${req.method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent)
        sendJson(res, 500, { error: { type: "api_error", message: "Unexpected emulator error." } });
      else res.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 12111, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  emu.baseUrl = (options.publicUrl ?? url).replace(/\/$/, "");
  return {
    url,
    emulator: emu,
    close: () =>
      new Promise<void>((resolve) => {
        emu.delivery.close();
        server.close(() => resolve());
        server.closeAllConnections();
        state?.flush();
      }),
  };
}
