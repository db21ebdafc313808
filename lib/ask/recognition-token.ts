import { z } from "zod";
import { signValue, verifyValue } from "./signed-cookie";

/**
 * A short-lived proof, minted by the thank-you page for a paid Checkout Session, that the embed on the article
 * the reader goes back to exchanges for its own (partitioned) cookie: the embed's cookie lives on the host
 * site, where our thank-you page cannot write it. Signed with a key derived for this purpose only, so a
 * reader-state cookie can never pass for a token, nor a token for a cookie.
 */
export const RECOGNITION_TOKEN_TTL_SECONDS = 30 * 60;

const tokenSchema = z.object({
  t: z.literal("recognise"),
  p: z.string().min(1).max(40),
  e: z.number().int().positive(),
});

const purposeKey = (secret: string) => `${secret}\u0000recognise`;

export function mintRecognitionToken(
  supporterId: string,
  secret: string,
  nowSeconds: number,
): string {
  return signValue(
    { t: "recognise", p: supporterId, e: nowSeconds + RECOGNITION_TOKEN_TTL_SECONDS },
    purposeKey(secret),
  );
}

/** The supporter the token names, or null when it is forged, tampered, malformed or expired. */
export function readRecognitionToken(
  token: string | undefined | null,
  secret: string,
  nowSeconds: number,
): string | null {
  const parsed = tokenSchema.safeParse(verifyValue(token, purposeKey(secret)));
  return parsed.success && parsed.data.e >= nowSeconds ? parsed.data.p : null;
}
