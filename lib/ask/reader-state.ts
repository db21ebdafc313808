import { randomBytes } from "node:crypto";
import { z } from "zod";
import { CURRENCIES, FREQUENCIES } from "./amounts";
import { signValue, verifyValue } from "./signed-cookie";

/**
 * Everything the ask needs to decide for an anonymous reader, in one signed, httpOnly cookie, so deciding never
 * touches the database: a random reader key, "remind me later" until when (and the choice it kept), the frequency
 * cap's count, and the supporter id once this browser has paid.
 */
const readerStateSchema = z.object({
  v: z.literal(1),
  k: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  d: z.number().int().positive().optional(),
  p: z.string().min(1).max(40).optional(),
  n: z.number().int().min(0).max(1_000_000).default(0),
  w: z.number().int().positive().optional(),
  // What the reader had chosen when they said "remind me later": the ask comes back with it.
  c: z
    .object({
      f: z.enum(FREQUENCIES),
      c: z.enum(CURRENCIES),
      a: z.number().int().positive().max(100_000_000),
    })
    .optional(),
});

/** The choice kept with a remind-later, in the ask's query form (frequency, currency, amount in minor units). */
export function deferredChoice(state: ReaderState): Record<string, string> {
  return state.c ? { frequency: state.c.f, currency: state.c.c, amount: String(state.c.a) } : {};
}

export type ReaderState = z.infer<typeof readerStateSchema>;

export function newReaderKey(): string {
  return randomBytes(16).toString("base64url");
}

export function newReaderState(): ReaderState {
  return { v: 1, k: newReaderKey(), n: 0 };
}

/** The reader's state, or a fresh one (isNew) when the cookie is missing, forged, tampered or malformed. */
export function readReaderState(
  token: string | undefined | null,
  secret: string,
): { state: ReaderState; isNew: boolean } {
  const parsed = readerStateSchema.safeParse(verifyValue(token, secret));
  return parsed.success
    ? { state: parsed.data, isNew: false }
    : { state: newReaderState(), isNew: true };
}

export function encodeReaderState(state: ReaderState, secret: string): string {
  return signValue(state, secret);
}

// First-party pages and the embed's cross-site requests keep separate cookies: the embed's is partitioned by
// the host site (CHIPS), which is what Chromium allows once third-party cookies are blocked.
export const FIRST_PARTY_COOKIE = "rr_reader";
export const EMBED_COOKIE = "rr_reader_x";
const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * 60; // the longest lifetime browsers honour

export type CookieContext = "first-party" | "cross-site";

export function readerCookie(context: CookieContext, secureOrigin: boolean) {
  if (context === "cross-site") {
    return {
      name: EMBED_COOKIE,
      options: {
        httpOnly: true,
        secure: true,
        sameSite: "none" as const,
        partitioned: true,
        path: "/",
        maxAge: FOUR_HUNDRED_DAYS,
      },
    };
  }
  return {
    name: FIRST_PARTY_COOKIE,
    options: {
      httpOnly: true,
      secure: secureOrigin,
      sameSite: "lax" as const,
      path: "/",
      maxAge: FOUR_HUNDRED_DAYS,
    },
  };
}
