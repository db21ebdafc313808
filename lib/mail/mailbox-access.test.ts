import { describe, expect, it } from "vitest";
import { mailboxVisible } from "./mailbox-access";

const demo = { mode: "demo" as const, mailCaptured: true };
const request = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/dev/mailbox", {
    headers: { host: "127.0.0.1:3000", ...headers },
  });

describe("/dev/mailbox", () => {
  it("answers a browser on this machine in demo mode", () => {
    expect(mailboxVisible(demo, request({ "x-forwarded-for": "127.0.0.1" }))).toBe(true);
    expect(
      mailboxVisible(demo, request({ "x-forwarded-for": "::1", host: "localhost:3000" })),
    ).toBe(true);
    expect(
      mailboxVisible(demo, request({ "x-forwarded-for": "::ffff:127.0.0.1", host: "[::1]:3000" })),
    ).toBe(true);
  });

  it("answers nobody in live mode, or when mail is really sent", () => {
    expect(
      mailboxVisible(
        { mode: "live", mailCaptured: false },
        request({ "x-forwarded-for": "127.0.0.1" }),
      ),
    ).toBe(false);
    expect(
      mailboxVisible(
        { mode: "live", mailCaptured: true },
        request({ "x-forwarded-for": "127.0.0.1" }),
      ),
    ).toBe(false);
    expect(
      mailboxVisible(
        { mode: "demo", mailCaptured: false },
        request({ "x-forwarded-for": "127.0.0.1" }),
      ),
    ).toBe(false);
  });

  it("refuses other clients, forwarded ones, unknown ones and other host names", () => {
    expect(mailboxVisible(demo, request({ "x-forwarded-for": "203.0.113.7" }))).toBe(false);
    expect(mailboxVisible(demo, request({}))).toBe(false); // no client address at all
    // A proxy on this machine forwarding someone else, whichever end of the list is trusted.
    expect(mailboxVisible(demo, request({ "x-forwarded-for": "203.0.113.7, 127.0.0.1" }))).toBe(
      false,
    );
    expect(mailboxVisible(demo, request({ "x-forwarded-for": "127.0.0.1, 203.0.113.7" }))).toBe(
      false,
    );
    expect(
      mailboxVisible(
        demo,
        request({ "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.2" }),
      ),
    ).toBe(false);
    expect(
      mailboxVisible(
        demo,
        request({ "x-forwarded-for": "127.0.0.1", forwarded: "for=198.51.100.2;proto=https" }),
      ),
    ).toBe(false);
    expect(
      mailboxVisible(
        demo,
        request({ "x-forwarded-for": "127.0.0.1", host: "rebound.attacker.example:3000" }),
      ),
    ).toBe(false);
    expect(mailboxVisible(demo, request({ "x-forwarded-for": "127.0.0.1", host: "" }))).toBe(false);
  });
});
