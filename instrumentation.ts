/**
 * Runs once when a server starts (`next start`, `next dev`), before it handles requests:
 * - the configuration is checked here, so a live deployment without its secrets refuses to start, naming what
 *   to set, instead of failing request by request;
 * - route handlers are let know the real client socket (see lib/http/socket-address.ts);
 * - the funnel's buffered counts are written when the server is told to stop (lib/ask/funnel-buffer.ts).
 * (The app runs on Node.js only; Next also compiles this file for its Edge runtime, hence the guard.)
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { envOrExit } = await import("./lib/env");
  envOrExit();
  const { captureSocketAddress } = await import("./lib/http/socket-address");
  captureSocketAddress();
  const { flushFunnelCountsOnShutdown } = await import("./lib/ask/funnel-buffer");
  flushFunnelCountsOnShutdown();
}
