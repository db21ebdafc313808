import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * Next.js 16 route handlers see no socket, and Next sets X-Forwarded-For from the socket only when the request
 * has none, so a client's own X-Forwarded-For would pass for its address. This hook, installed once per server
 * process (instrumentation.ts), does what a reverse proxy does before Next sees the request: it appends the TCP
 * peer's address to X-Forwarded-For, and sets SOCKET_HEADER to a nonce of this process, so lib/security's
 * clientAddress knows the last entry is real (a client cannot guess the nonce; whatever it sent is replaced).
 */
export const SOCKET_HEADER = "x-rr-socket-hook";

const NONCE = Symbol.for("reader-revenue.socket-nonce");
type Holder = { [NONCE]?: string };

/** This process's nonce once the hook is installed; null where no hook runs (tests calling handlers directly). */
export function socketNonce(): string | null {
  return (globalThis as Holder)[NONCE] ?? null;
}

type IncomingLike = {
  socket?: { remoteAddress?: string } | null;
  headers: http.IncomingHttpHeaders;
};

/** Rewrites one incoming request's headers: the peer appended to X-Forwarded-For, the nonce vouching for it. */
export function stampSocketAddress(request: IncomingLike, nonce: string): void {
  const peer = request.socket?.remoteAddress;
  const prior = request.headers["x-forwarded-for"];
  const chain = [prior].flat().filter((entry): entry is string => Boolean(entry && entry.trim()));
  if (peer) chain.push(peer);
  if (chain.length) request.headers["x-forwarded-for"] = chain.join(", ");
  else delete request.headers["x-forwarded-for"];
  // Without a peer (a closed socket) the chain is not vouched for, and the request counts as "unknown".
  if (peer) request.headers[SOCKET_HEADER] = nonce;
  else delete request.headers[SOCKET_HEADER];
}

/** Installs the hook on every HTTP(S) server of this process; a second call does nothing. */
export function captureSocketAddress(): void {
  const holder = globalThis as Holder;
  if (holder[NONCE]) return;
  const nonce = randomUUID();
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit as (
      this: unknown,
      event: string | symbol,
      ...args: unknown[]
    ) => boolean;
    Server.prototype.emit = function (
      this: unknown,
      event: string | symbol,
      ...args: unknown[]
    ): boolean {
      if (event === "request") stampSocketAddress(args[0] as IncomingLike, nonce);
      return emit.call(this, event, ...args);
    } as typeof Server.prototype.emit;
  }
  holder[NONCE] = nonce;
}
