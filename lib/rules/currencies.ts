/**
 * The currencies the app records gifts in, as ISO 4217 codes (upper case, as stored and shown; Stripe's API
 * spells them in lower case). Amounts are integers in each currency's minor unit (cents, pence, whole yen: see
 * lib/rules/money.ts, which defines them), and no figure anywhere adds two currencies together. The first is
 * the default when DEFAULT_CURRENCY is unset.
 */
import { CURRENCIES, isCurrency, type Currency } from "./money";

export { CURRENCIES, isCurrency, type Currency };
export const DEFAULT_CURRENCY: Currency = CURRENCIES[0];

/** "USD, EUR or GBP", for messages. */
export function currencyListText(currencies: readonly string[]): string {
  return currencies.length < 2
    ? currencies.join("")
    : `${currencies.slice(0, -1).join(", ")} or ${currencies.at(-1)}`;
}

/** Every currency the app records, as words: "USD, EUR, … or JPY". */
export const CURRENCY_LIST_TEXT = currencyListText(CURRENCIES);
