import { describe, expect, it } from "vitest";
import {
  mintRecognitionToken,
  readRecognitionToken,
  RECOGNITION_TOKEN_TTL_SECONDS,
} from "./recognition-token";
import { encodeReaderState, newReaderState } from "./reader-state";
import { signValue } from "./signed-cookie";

const secret = "s".repeat(32);
const now = 1_800_000_000;

describe("recognition token", () => {
  it("names the supporter until it expires", () => {
    const token = mintRecognitionToken("sup_1", secret, now);
    expect(readRecognitionToken(token, secret, now)).toBe("sup_1");
    expect(readRecognitionToken(token, secret, now + RECOGNITION_TOKEN_TTL_SECONDS)).toBe("sup_1");
    expect(readRecognitionToken(token, secret, now + RECOGNITION_TOKEN_TTL_SECONDS + 1)).toBeNull();
  });

  it("is refused when tampered, signed with another secret, or made for another purpose", () => {
    const token = mintRecognitionToken("sup_1", secret, now);
    expect(readRecognitionToken(`${token}x`, secret, now)).toBeNull();
    expect(readRecognitionToken(token, "t".repeat(32), now)).toBeNull();
    // The reader's own cookie, and a value of the token's shape signed with the cookie key, are not tokens.
    expect(
      readRecognitionToken(encodeReaderState(newReaderState(), secret), secret, now),
    ).toBeNull();
    expect(
      readRecognitionToken(
        signValue({ t: "recognise", p: "sup_2", e: now + 60 }, secret),
        secret,
        now,
      ),
    ).toBeNull();
  });
});
