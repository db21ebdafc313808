/**
 * The currencies the app takes gifts in, as ISO 4217 codes (upper case, as stored and shown; Stripe's API
 * spells them in lower case). Amounts are integers in each currency's minor unit (cents, pence), and no figure
 * anywhere adds two currencies together. The first is the default when DEFAULT_CURRENCY is unset.
 */
export const CURRENCIES = ["USD", "EUR", "GBP"] as const;
export type Currency = (typeof CURRENCIES)[number];
export const DEFAULT_CURRENCY: Currency = CURRENCIES[0];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

/** "USD, EUR or GBP", for messages. */
export const CURRENCY_LIST_TEXT = `${CURRENCIES.slice(0, -1).join(", ")} or ${CURRENCIES.at(-1)}`;
