import { describe, expect, it } from "vitest";
import { describeError, redact } from "./redact";

describe("redact", () => {
  it("removes email addresses, card numbers and secrets", () => {
    const line = redact(
      "refused <Ada.Lovelace+news@example.co.uk>; card 4242 4242 4242 4242 and 4000-0566-5566-5556 and 5555555555554444; " +
        "key sk_live_51Habc123 whsec_abcDEF123 pi_3Ab_secret_xyz9; postgres://app:hunter2@db.internal:5432/app; Authorization: Bearer eyJhbGciOi.x.y",
    );
    for (const leak of [
      "Ada.Lovelace",
      "example.co.uk",
      "4242",
      "5556",
      "5555555555554444",
      "51Habc123",
      "abcDEF123",
      "secret_xyz9",
      "hunter2",
      "eyJhbGciOi",
    ]) {
      expect(line).not.toContain(leak);
    }
    expect(line).toContain("postgres://[redacted]@db.internal:5432/app");
  });

  it("removes tokens from links", () => {
    const out = redact(
      "http://localhost:3000/api/auth/callback/email?callbackUrl=%2Faccount&token=4f9c2e&email=a%40b.example",
    );
    expect(out).not.toContain("4f9c2e");
    expect(out).toContain("callbackUrl=%2Faccount");
  });

  it("strips control characters so a value cannot forge log lines", () => {
    expect(redact("code\r\n[next-auth][error][FAKE]\u001b[31m\u202e")).toBe(
      "code [next-auth][error][FAKE][31m",
    );
  });

  it("keeps ordinary text, ids and amounts", () => {
    expect(redact("checkout: attempt cm123abc failed for 2500 USD (evt_1Nabc, cus_Qx1)")).toBe(
      "checkout: attempt cm123abc failed for 2500 USD (evt_1Nabc, cus_Qx1)",
    );
  });
});

describe("describeError", () => {
  it("keeps a Prisma-style error's first and last line, not the arguments between them", () => {
    const error = Object.assign(
      new Error(
        '\nInvalid `prisma.supporter.findFirst()` invocation:\n\n{\n  where: { email: "reader@example.com" }\n}\n\nUnique constraint failed',
      ),
      { code: "P2002" },
    );
    const line = describeError(error);
    expect(line).toBe(
      "Error [P2002]: Invalid `prisma.supporter.findFirst()` invocation: … Unique constraint failed",
    );
  });

  it("redacts what a mail server quotes back", () => {
    expect(
      describeError(
        new Error(
          "Can't send mail - all recipients were rejected: 550 5.1.1 <reader@example.com>: Recipient address rejected",
        ),
      ),
    ).not.toContain("reader@");
  });
});
