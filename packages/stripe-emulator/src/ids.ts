import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text: Stripe's IDs are opaque, so only the prefix and the character set matter. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/**
 * An ID shaped like Stripe's: `cus_` + 14 characters, `pi_`/`ch_`/`in_`/`evt_` + 24, `cs_test_` + 58.
 * Apps sometimes validate prefixes, so keep them exactly as Stripe's.
 */
export function newId(prefix: string): string {
  const length = prefix === "cus_" || prefix === "bpc_" ? 14 : prefix === "cs_test_" ? 58 : 24;
  const lead = prefix === "cs_test_" ? "a1" : prefix === "cus_" ? "" : "1"; // Stripe's IDs lead with a version digit
  return prefix + lead + randomToken(length - lead.length);
}
