import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { publicTestHost, setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import NextAuth from "next-auth";
import { authOptions } from "./options";
import { withSignInLimits } from "./signin-limits";

/**
 * Sign-in mail through next-auth's own request handler (CSRF check, address check, our signIn callback, the
 * adapter's tokens and our mail), on a real database: what 60 requests for one address cost.
 */
const APP_URL = "http://news.test";
let ask: (email: string, ip: string) => Promise<string>;

setUpTestBackends({
  env: {
    ...publicTestHost(APP_URL),
    RATE_LIMIT_SIGNIN_PER_EMAIL: "3",
    RATE_LIMIT_SIGNIN_PER_IP: "6",
    RATE_LIMIT_WINDOW_SECONDS: "600",
  },
});

beforeAll(() => {
  const secret = authOptions().secret!;
  ask = async (email, ip) => {
    const csrfToken = randomBytes(16).toString("hex");
    const cookie = `${csrfToken}|${createHash("sha256").update(`${csrfToken}${secret}`).digest("hex")}`;
    const request = new Request(`${APP_URL}/api/auth/signin/email`, {
      method: "POST",
      headers: { "x-forwarded-for": ip },
    });
    // next-auth's handler for Node-style requests (the App Router one needs Next's request context).
    let answer = "";
    const res = {
      status: () => res,
      setHeader: (name: string, value: string) => (
        name.toLowerCase() === "location" ? (answer = value) : undefined,
        res
      ),
      getHeader: () => undefined,
      end: () => undefined,
      json: (body: { url?: string }) => (answer = body.url ?? JSON.stringify(body)),
      send: (body: unknown) => (answer = `body ${String(body)}`),
    };
    const req = {
      method: "POST",
      query: { nextauth: ["signin", "email"] },
      body: { email, csrfToken, callbackUrl: "/account", json: "true" },
      cookies: { "next-auth.csrf-token": cookie },
      headers: {},
    };
    await (NextAuth as unknown as (req: object, res: object, options: object) => Promise<void>)(
      req,
      res,
      withSignInLimits(authOptions(), request, APP_URL),
    );
    return answer;
  };
});

const mailsTo = (to: string) => db.capturedMail.count({ where: { to } });
const tokensOf = (identifier: string) => db.verificationToken.count({ where: { identifier } });

describe("sign-in mail", () => {
  it("sends a limited number of links per address, even from rotating client addresses, and keeps only the newest token", async () => {
    await db.supporter.create({ data: { email: "victim@example.com" } });
    const answers: string[] = [];
    for (let i = 0; i < 60; i++) answers.push(await ask("Victim@Example.com", `198.51.100.${i}`));

    expect(await mailsTo("victim@example.com")).toBe(3);
    expect(
      answers.slice(0, 3).every((a) => a.startsWith(`${APP_URL}/api/auth/verify-request`)),
    ).toBe(true);
    const refused = answers.slice(3);
    expect(refused).toHaveLength(57);
    for (const answer of refused) {
      const url = new URL(answer);
      expect(`${url.origin}${url.pathname}`).toBe(`${APP_URL}/signin`);
      expect(url.searchParams.get("error")).toBe("RateLimited");
      expect(Number(url.searchParams.get("retryAfter"))).toBeGreaterThan(0);
    }
    expect(await tokensOf("victim@example.com")).toBe(1);
  });

  it("limits one client address across many addresses", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await ask(`spray${i}@example.com`, "203.0.113.9"));
    expect(answers.filter((a) => a.includes("error=RateLimited"))).toHaveLength(4);
    expect(await db.capturedMail.count({ where: { to: { startsWith: "spray" } } })).toBe(6);
    // The refused requests spent no budget of the addresses they named: another client may still ask for them.
    expect(await ask("spray9@example.com", "203.0.113.10")).toContain("/api/auth/verify-request");
  });

  it("answers a refused request alike for known and unknown addresses", async () => {
    await db.supporter.create({ data: { email: "known@example.com" } });
    const last: Record<string, string> = {};
    for (const email of ["known@example.com", "unknown@example.com"]) {
      for (let i = 0; i < 4; i++)
        last[email] = await ask(email, `192.0.2.${i + (email.startsWith("k") ? 0 : 10)}`);
    }
    const strip = (answer: string) => new URL(answer).searchParams.get("error");
    expect(strip(last["known@example.com"]!)).toBe("RateLimited");
    expect(strip(last["unknown@example.com"]!)).toBe("RateLimited");
    expect(await mailsTo("known@example.com")).toBe(3);
    expect(await mailsTo("unknown@example.com")).toBe(3);
  });
});
