import proxyaddr from "proxy-addr";

/** Which proxies in front of the app may tell us the client's address (TRUST_PROXY; see client-address.ts). */
export type TrustProxy =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: string[] };

/** TRUST_PROXY: unset, "false" or "0" trust nothing; a number counts hops; else a comma list of proxy-addr names/ranges. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (!text || text === "false" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  const ranges = text
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  proxyaddr.compile(ranges); // throws on a value it does not understand
  return { kind: "ranges", ranges };
}
