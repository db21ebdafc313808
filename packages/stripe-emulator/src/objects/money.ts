/** Currencies whose amounts have no minor unit (Stripe's list, abridged to the common ones). */
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

/** Formats an amount in the smallest unit, e.g. (1500, "usd") → "$15.00". */
export function formatMoney(amount: number, currency: string): string {
  const major = ZERO_DECIMAL.has(currency) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
    }).format(major);
  } catch {
    return `${major} ${currency.toUpperCase()}`;
  }
}

/** An amount in the smallest unit as a plain major-unit number for a form field, e.g. (1250, "usd") → "12.50". */
export function toMajorText(amount: number, currency: string): string {
  return ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2);
}

/** Converts a typed major-unit amount ("12.50") to the smallest unit, or null if it is not a valid amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  // A zero-decimal currency has no fraction to type: "12.5" yen is not an amount.
  const pattern = ZERO_DECIMAL.has(currency) ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(text.trim())) return null;
  const value = Number(text.trim());
  return ZERO_DECIMAL.has(currency) ? Math.round(value) : Math.round(value * 100);
}

/**
 * Stripe's minimum charge per currency, in the smallest unit (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts):
 * ¥50 is 50 (yen have no minor unit), 3.00 kr is 300. Other currencies fall back to 50 of their smallest unit.
 */
export function minimumAmount(currency: string): number {
  const minimums: Record<string, number> = {
    usd: 50,
    eur: 50,
    gbp: 30,
    cad: 50,
    aud: 50,
    nzd: 50,
    chf: 50,
    sek: 300,
    nok: 300,
    dkk: 250,
    jpy: 50,
  };
  return minimums[currency] ?? 50;
}
