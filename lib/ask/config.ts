// The ask's fixed rules; what a newsroom edits is its published settings (lib/ask/settings.ts).

/** The frequency cap counts impressions in a rolling window that starts at the first impression. */
export const CAP_WINDOW_DAYS = 30;

/** After a one-time gift, the reader is thanked instead of asked for this long. */
export const ONE_TIME_GIFT_QUIET_DAYS = 90;

export const SURFACES = ["support-page", "article", "embed"] as const;
export type Surface = (typeof SURFACES)[number];

export const VARIANTS = ["default", "renew"] as const;
export type Variant = (typeof VARIANTS)[number];

export function isSurface(value: unknown): value is Surface {
  return typeof value === "string" && (SURFACES as readonly string[]).includes(value);
}

export function isVariant(value: unknown): value is Variant {
  return typeof value === "string" && (VARIANTS as readonly string[]).includes(value);
}
