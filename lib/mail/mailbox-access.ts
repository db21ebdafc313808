import type { Env } from "../env";
import { isLoopbackAddress, isLoopbackHost } from "../security/loopback";
import { clientIp } from "../security/rate-limit";

/**
 * /dev/mailbox shows captured sign-in links: it answers only in demo mode (lib/env.ts) with mail captured, and
 * only to a browser on this machine. The client address (clientIp, by the configured proxy trust) must be
 * loopback, and so must every address a proxy reported: whatever is trusted, a request that passed through
 * anything else is not the machine's own. The Host must be a loopback name too, so a page on another name that
 * resolves to 127.0.0.1 (DNS rebinding) cannot read it through the reader's browser.
 */
export function mailboxVisible(
  config: Pick<Env, "mode" | "mailCaptured">,
  request: Request,
): boolean {
  if (config.mode !== "demo" || !config.mailCaptured) return false;
  if (!isLoopbackAddress(clientIp(request))) return false;
  for (const name of ["x-forwarded-for", "x-real-ip", "forwarded"]) {
    const value = request.headers.get(name);
    if (value === null) continue;
    const addresses =
      name === "forwarded"
        ? [...value.matchAll(/for="?\[?([^\]";,]+)/gi)].map((m) => m[1]!)
        : value.split(",");
    if (name === "forwarded" && addresses.length === 0) return false;
    if (!addresses.every((address) => isLoopbackAddress(address))) return false;
  }
  const host = request.headers.get("host");
  if (!host) return false;
  try {
    return isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}
