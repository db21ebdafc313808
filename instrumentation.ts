/**
 * Runs once when a Next.js server process starts, before it handles requests: lets route handlers know the
 * real client socket (see lib/http/socket-address.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { captureSocketAddress } = await import("./lib/http/socket-address");
  captureSocketAddress();
}
