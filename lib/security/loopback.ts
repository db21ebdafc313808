import { isIP } from "node:net";

/**
 * Loopback: the machine talking to itself. `localhost` (and names under it, which resolvers keep on the
 * machine), 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv4-mapped IPv6 address.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return isLoopbackAddress(name);
}

/** An IP address (as a client address is reported) on the loopback interface. */
export function isLoopbackAddress(address: string): boolean {
  const ip = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (isIP(ip) === 4) return ip.split(".")[0] === "127";
  if (isIP(ip) !== 6) return false;
  if (ip === "::1" || ip === "0:0:0:0:0:0:0:1") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  return mapped ? isLoopbackAddress(mapped[1]!) : false;
}
