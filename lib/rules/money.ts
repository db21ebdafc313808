/**
 * Money in every currency the app records: how many digits its minor unit has, the least Stripe will charge in
 * it, and reading and writing amounts. Amounts are integers in the currency's minor unit, exactly as Stripe's
 * API takes them: cents for USD, öre for SEK, but whole yen for JPY (a zero-decimal currency, so ¥1,000 is
 * 1000, not 100000). No function here adds two currencies together.
 */

type CurrencyRules = {
  /** Digits after the decimal point in the minor unit, as Stripe counts them. */
  digits: number;
  /**
   * The least Stripe charges in the currency, in minor units (Checkout refuses a smaller session with
   * `amount_too_small`). From https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts
   * (for accounts settling in the same currency; a conversion can raise it).
   */
  stripeMinimum: number;
};

/**
 * The currencies the app can record, in the order lists show them (the first is the default default). Which of
 * them the ask offers a reader is a separate choice (lib/ask/amounts.ts, OFFERED_CURRENCIES).
 */
const RULES = {
  USD: { digits: 2, stripeMinimum: 50 }, // $0.50
  EUR: { digits: 2, stripeMinimum: 50 }, // €0.50
  GBP: { digits: 2, stripeMinimum: 30 }, // £0.30
  CAD: { digits: 2, stripeMinimum: 50 }, // CA$0.50
  AUD: { digits: 2, stripeMinimum: 50 }, // A$0.50
  CHF: { digits: 2, stripeMinimum: 50 }, // CHF 0.50
  SEK: { digits: 2, stripeMinimum: 300 }, // 3.00 kr
  NOK: { digits: 2, stripeMinimum: 300 }, // 3.00 kr
  DKK: { digits: 2, stripeMinimum: 250 }, // 2.50 kr
  NZD: { digits: 2, stripeMinimum: 50 }, // NZ$0.50
  JPY: { digits: 0, stripeMinimum: 50 }, // ¥50
} as const satisfies Record<string, CurrencyRules>;

export type Currency = keyof typeof RULES;
export const CURRENCIES = Object.keys(RULES) as [Currency, ...Currency[]];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && Object.hasOwn(RULES, value);
}

/**
 * Stripe's zero-decimal and three-decimal currencies (https://docs.stripe.com/currencies#zero-decimal and
 * #three-decimal), so an amount recorded in a currency outside CURRENCIES (an imported payment, say) still
 * shows at its real size; every other currency has two digits.
 */
const ZERO_DECIMAL = new Set(
  "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split(" "),
);
const THREE_DECIMAL = new Set("BHD JOD KWD OMR TND".split(" "));

/** Digits in the currency's minor unit: 2 for USD (cents), 0 for JPY. Case-insensitive, as Stripe spells codes. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (isCurrency(code)) return RULES[code].digits;
  return ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
}

/** The least Stripe charges in the currency, in its minor units ($0.50 is 50, ¥50 is 50). */
export function stripeMinimum(currency: Currency): number {
  return RULES[currency].stripeMinimum;
}

/**
 * A typed major-unit amount to minor units, or null when it is not one: "12.5" USD → 1250, "1000" JPY → 1000,
 * "12.5" JPY → null (yen have no fraction). Accepts "12", "12.5", "12,50" (a decimal comma), "1,000",
 * "1,000.50" and spaces as thousands separators ("1 000"); at most nine whole digits.
 */
export function toMinor(major: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const fraction = digits === 0 ? "" : `(\\.\\d{1,${digits}})?`;
  const text = major.trim().replace(/\s/g, "");
  let normalised: string;
  if (new RegExp(`^\\d{1,3}(,\\d{3})+${fraction}$`).test(text)) normalised = text.replace(/,/g, "");
  else if (digits > 0 && new RegExp(`^\\d+([.,]\\d{1,${digits}})?$`).test(text))
    normalised = text.replace(",", ".");
  else if (digits === 0 && /^\d+$/.test(text)) normalised = text;
  else return null;
  const [whole = "", part = ""] = normalised.split(".");
  if (whole.length > 9) return null;
  return Number(whole) * 10 ** digits + Number(part.padEnd(digits, "0") || "0");
}

/**
 * Minor units as a plain decimal, without symbol or grouping: (1250, "USD") → "12.50", (1000, "JPY") → "1000".
 * For a form field and for CSV (a number a spreadsheet can sum), never for reading.
 */
export function toMajorText(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(Math.trunc(minor)));
  if (digits === 0) return `${sign}${abs}`;
  const padded = abs.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * An amount as a reader reads it in their language: "$25" (whole units drop the decimals), "£25.50", "¥1,000";
 * in Russian "10 $" and "1 000 ₽". Formats the exact decimal string, so no float ever rounds a figure.
 */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  const digits = minorUnitDigits(currency);
  const wholeUnits = minor % 10 ** digits === 0;
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: wholeUnits ? 0 : digits,
    maximumFractionDigits: digits,
  });
  return format.format(toMajorText(minor, currency) as `${number}`);
}
