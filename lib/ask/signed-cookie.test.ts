import { describe, expect, it } from "vitest";
import { encodeReaderState, newReaderState, readReaderState } from "./reader-state";
import { signValue, verifyValue } from "./signed-cookie";

const secret = "x".repeat(32);

describe("signed cookies", () => {
  it("round-trips what we signed", () => {
    expect(verifyValue(signValue({ a: 1 }, secret), secret)).toEqual({ a: 1 });
  });

  it("rejects tampered, forged, re-signed and malformed values", () => {
    const token = signValue({ d: 1 }, secret);
    const [body, mac] = token.split(".") as [string, string];
    const tamperedBody = Buffer.from(JSON.stringify({ d: 9_999_999_999 })).toString("base64url");
    expect(verifyValue(`${tamperedBody}.${mac}`, secret)).toBeNull();
    expect(verifyValue(`${body}.${mac.slice(0, -2)}AA`, secret)).toBeNull();
    expect(verifyValue(signValue({ d: 1 }, "y".repeat(32)), secret)).toBeNull();
    for (const junk of ["", ".", "abc", `${body}.`, `.${mac}`, "a".repeat(5000)])
      expect(verifyValue(junk, secret)).toBeNull();
  });
});

describe("reader state", () => {
  it("treats a forged or invalid cookie as a new reader with a fresh key", () => {
    const forged = signValue({ v: 1, k: "short", n: 0 }, secret);
    const result = readReaderState(forged, secret);
    expect(result.isNew).toBe(true);
    expect(result.state.k).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(readReaderState("garbage", secret).isNew).toBe(true);
  });

  it("keeps a genuine reader's key and remind-later", () => {
    const state = { ...newReaderState(), d: 1_900_000_000 };
    expect(readReaderState(encodeReaderState(state, secret), secret)).toEqual({
      state,
      isNew: false,
    });
  });
});
