import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  captureSocketAddress,
  SOCKET_HEADER,
  socketNonce,
  stampSocketAddress,
} from "../http/socket-address";
import { addressKey, clientAddressFrom } from "./client-address";
import { parseTrustProxy } from "./trust-proxy";

const headers = (xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...extra });
const none = parseTrustProxy(undefined);

describe("clientAddressFrom (no socket hook: the chain's last entry is the socket)", () => {
  it("trusts nothing by default: a client's own X-Forwarded-For entries do not change its address", () => {
    // As the hook (or a proxy) leaves it: whatever the client sent, then the socket's address.
    for (const forged of ["198.51.100.1", "198.51.100.2, 198.51.100.3", "garbage"]) {
      expect(clientAddressFrom(headers(`${forged}, 203.0.113.9`), none, null)).toBe("203.0.113.9");
    }
    expect(clientAddressFrom(headers(), none, null)).toBe("unknown");
  });

  it("with TRUST_PROXY=2 takes the address two hops in (CDN, then load balancer), whatever the client prepended", () => {
    const two = parseTrustProxy("2");
    expect(clientAddressFrom(headers("6.6.6.6, 198.51.100.7, 10.0.0.5, 10.0.0.2"), two, null)).toBe(
      "198.51.100.7",
    );
    // Fewer hops than configured: the leftmost address there is.
    expect(clientAddressFrom(headers("10.0.0.2"), two, null)).toBe("10.0.0.2");
  });

  it("with trusted ranges walks past trusted proxies only", () => {
    const ranges = parseTrustProxy("loopback, 10.0.0.0/8");
    expect(
      clientAddressFrom(headers("6.6.6.6, 198.51.100.7, 10.1.2.3, 127.0.0.1"), ranges, null),
    ).toBe("198.51.100.7");
    // A direct client (not a trusted proxy) cannot speak for anyone else.
    expect(clientAddressFrom(headers("10.9.9.9, 198.51.100.8"), ranges, null)).toBe("198.51.100.8");
  });

  it("reports IPv4-mapped IPv6 sockets as IPv4", () => {
    expect(clientAddressFrom(headers("::ffff:192.0.2.5"), none, null)).toBe("192.0.2.5");
  });

  it("refuses TRUST_PROXY values it cannot understand", () => {
    expect(() => parseTrustProxy("true")).toThrow();
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow();
    expect(parseTrustProxy("false")).toEqual({ kind: "none" });
  });
});

describe("addressKey", () => {
  it("groups IPv6 addresses by /64 and keeps IPv4 as is", () => {
    const keys = new Set(
      Array.from({ length: 30 }, (_, i) =>
        addressKey(`2001:db8:1234:5678::${(i + 1).toString(16)}`),
      ),
    );
    expect([...keys]).toEqual(["2001:db8:1234:5678::/64"]);
    expect(addressKey("2001:db8:1234:5679::1")).not.toBe(addressKey("2001:db8:1234:5678::1"));
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("new@192.0.2.1")).toBe("new@192.0.2.1");
  });

  it("keys IPv4's other spellings and reader keys as ipaddr reads them (its fast paths change no key)", () => {
    expect(addressKey("010.0.0.1")).toBe("8.0.0.1"); // octal, as ipaddr parses it
    expect(addressKey("0x7f.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("3232235777")).toBe("192.168.1.1");
    expect(addressKey("256.0.0.1")).toBe("256.0.0.1"); // not an address: kept as given
    expect(addressKey("k_Zx8-q2rT")).toBe("k_Zx8-q2rT");
  });
});

describe("the socket hook", () => {
  it("appends the peer to X-Forwarded-For and vouches for it with this process's nonce", () => {
    const request = {
      socket: { remoteAddress: "203.0.113.4" },
      headers: {
        "x-forwarded-for": "1.2.3.4",
        [SOCKET_HEADER]: "forged",
      } as http.IncomingHttpHeaders,
    };
    stampSocketAddress(request, "n1");
    expect(request.headers["x-forwarded-for"]).toBe("1.2.3.4, 203.0.113.4");
    expect(request.headers[SOCKET_HEADER]).toBe("n1");
  });

  it("in a real server: a rotating X-Forwarded-For still yields the socket's address; an unvouched request is 'unknown'", async () => {
    captureSocketAddress();
    const nonce = socketNonce()!;
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      const h = new Headers(
        Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]),
      );
      seen.push(clientAddressFrom(h, none, nonce));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    for (const forged of ["198.51.100.1", "198.51.100.2", "10.0.0.1, 198.51.100.3"]) {
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "x-forwarded-for": forged, [SOCKET_HEADER]: "guess" },
      });
    }
    await new Promise((resolve) => server.close(resolve));
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
    // In a process with the hook, a request it did not stamp (accepted before it was installed) has no address.
    expect(
      clientAddressFrom(headers("198.51.100.1", { [SOCKET_HEADER]: "guess" }), none, nonce),
    ).toBe("unknown");
  });
});
