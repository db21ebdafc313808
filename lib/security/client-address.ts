import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { SOCKET_HEADER, socketNonce } from "../http/socket-address";
import type { TrustProxy } from "./trust-proxy";

/**
 * Who is asking, as far as we can tell: the TCP peer of the app server, or, when the operator says a proxy in
 * front of us is trusted (TRUST_PROXY), the address that proxy saw, by proxy-addr's rules (walk
 * X-Forwarded-For from the right, past trusted hops, to the first untrusted address).
 *
 * Next.js 16 gives route handlers no socket: it only sets X-Forwarded-For from the socket when the request
 * has none (`??=` in next/dist/server/base-server.js), so a client's own header would otherwise stand in for
 * the socket. lib/http/socket-address.ts (installed by instrumentation.ts) appends the real peer address to
 * X-Forwarded-For as a proxy would, and vouches for it with a per-process nonce header.
 */
function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (trust.kind === "none") return () => false;
  if (trust.kind === "hops") return (_address, hop) => hop < trust.hops;
  return proxyaddr.compile(trust.ranges);
}

export type AddressHeaders = Pick<Headers, "get">;

/**
 * The forwarding chain ending in the socket peer, or null when this process cannot know the peer: it runs the
 * socket-address hook, and this request did not come through it (it was accepted while the server started).
 */
function chainOf(headers: AddressHeaders, nonce: string | null): string[] | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (nonce === null) return chain; // no hook (tests, another server): Next's own rule, the last entry is the socket
  const vouched = headers.get(SOCKET_HEADER);
  if (vouched !== nonce) return null;
  return chain;
}

export function clientAddressFrom(
  headers: AddressHeaders,
  trust: TrustProxy,
  nonce: string | null = socketNonce(),
): string {
  const chain = chainOf(headers, nonce);
  const socket = chain?.pop();
  if (!chain || !socket) return "unknown";
  const request = {
    socket: { remoteAddress: socket },
    headers: { "x-forwarded-for": chain.join(", ") },
  };
  return normalise(proxyaddr(request as never, trustFunction(trust)));
}

/** IPv4-mapped IPv6 (::ffff:192.0.2.1, as a dual-stack socket reports IPv4 peers) as plain IPv4. */
function normalise(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

// An IPv4 address as ipaddr writes it (no leading zeros): its key is itself.
const PLAIN_IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// A character none of ipaddr's IPv4 forms (dotted, decimal, octal, 0x hex) has.
const NOT_IPV4 = /[^0-9a-fA-FxX.]/;

/**
 * The key a per-address limit counts under: an IPv4 address as is; an IPv6 address by its /64, the block one
 * subscriber (or one cloud host) gets, so rotating through it does not multiply the budget.
 */
export function addressKey(address: string): string {
  // Fast paths (every beacon has two keys): ipaddr's validation is most of a beacon's CPU otherwise.
  if (PLAIN_IPV4.test(address)) return address;
  if (!address.includes(":") && NOT_IPV4.test(address)) return address; // a reader key, not an address
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const prefix = v6.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":");
  return `${prefix}::/64`;
}
