/**
 * The ask's amounts: presets and limits per frequency and currency, in minor units.
 * Presets are suggestions; any amount within [min, max] is accepted, so a reader without JavaScript who
 * switches frequency after picking a preset still gets a valid choice.
 */
import { CURRENCIES, isCurrency, type Currency } from "../rules/currencies";
import { FREQUENCIES, isFrequency, type Frequency } from "../rules/frequencies";

export { CURRENCIES, FREQUENCIES, isCurrency, isFrequency, type Currency, type Frequency };

export type AmountRules = {
  presets: readonly number[];
  defaultAmount: number;
  min: number;
  max: number;
};

type Table = Record<Currency, Record<Frequency, AmountRules>>;

// One table for the three currencies: they are close enough in value that the same steps read naturally.
const SAME_STEPS: Record<Frequency, AmountRules> = {
  ONCE: { presets: [1000, 2500, 5000, 10000], defaultAmount: 2500, min: 200, max: 1_000_000 },
  MONTHLY: { presets: [500, 1000, 2000], defaultAmount: 1000, min: 200, max: 100_000 },
  ANNUAL: { presets: [5000, 10000, 25000], defaultAmount: 10000, min: 1000, max: 1_000_000 },
};

export const AMOUNTS: Table = {
  USD: SAME_STEPS,
  EUR: SAME_STEPS,
  GBP: SAME_STEPS,
};

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  ONCE: "Once",
  MONTHLY: "Monthly",
  ANNUAL: "Annual",
};

const GIFT_NOUN: Record<Frequency, string> = {
  ONCE: "A one-time gift",
  MONTHLY: "A monthly gift",
  ANNUAL: "An annual gift",
};

const PER: Record<Frequency, string> = { ONCE: "", MONTHLY: " per month", ANNUAL: " per year" };

export function amountRules(currency: Currency, frequency: Frequency): AmountRules {
  return AMOUNTS[currency][frequency];
}

/** "12.50" → 1250. Accepts "12", "12.5", "12,50", "1,000" and "1,000.50"; rejects anything else. */
export function parseMajorAmount(input: string): number | null {
  const text = input.trim().replace(/\s/g, "");
  let normalised: string;
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text)) normalised = text.replace(/,/g, "");
  else if (/^\d+([.,]\d{1,2})?$/.test(text)) normalised = text.replace(",", ".");
  else return null;
  const [whole, fraction = ""] = normalised.split(".");
  if (whole === undefined || whole.length > 9) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function formatMoney(minor: number, currency: string, locale = "en"): string {
  const wholeUnits = minor % 100 === 0;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: wholeUnits ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(minor / 100);
}

export function describeGift(minor: number, currency: string, frequency: Frequency): string {
  return `${formatMoney(minor, currency)}${PER[frequency]}`;
}

/** A message a person can act on, or null when the amount is acceptable. */
export function checkAmount(
  minor: number,
  currency: Currency,
  frequency: Frequency,
): string | null {
  const { min, max } = amountRules(currency, frequency);
  const kind = GIFT_NOUN[frequency];
  if (minor < min) return `${kind} must be at least ${formatMoney(min, currency)}.`;
  if (minor > max)
    return `${kind} can be at most ${formatMoney(max, currency)}. For larger gifts, please contact us.`;
  return null;
}

const SHORT_PER: Record<Frequency, string> = { ONCE: "", MONTHLY: "/month", ANNUAL: "/year" };

/** A preset's tile: "$10/month", "$25". */
export function presetLabel(minor: number, currency: string, frequency: Frequency): string {
  return `${formatMoney(minor, currency)}${SHORT_PER[frequency]}`;
}

/** What Continue does, in its words: "Support $10/month", "Support with $25" (or, without an amount yet, generic). */
export function continueLabel(
  minor: number | null,
  currency: string,
  frequency: Frequency,
): string {
  if (minor === null) return "Continue to payment";
  return frequency === "ONCE"
    ? `Support with ${formatMoney(minor, currency)}`
    : `Support ${presetLabel(minor, currency, frequency)}`;
}

/** The appeal's last line: the least a reader can give, for the frequency the ask starts with. */
export function fromJustLine(currency: Currency, frequency: Frequency): string {
  const min = formatMoney(amountRules(currency, frequency).min, currency);
  const per = { ONCE: "", MONTHLY: " a month", ANNUAL: " a year" }[frequency];
  return `Support us from just ${min}${per} — it only takes a minute.`;
}

/**
 * Without JavaScript the ask draws every frequency × currency's presets, each group under its own name, and
 * shows only the chosen pair's (components/support/SupportForm.tsx): the amount is the showing group's.
 */
export function amountFieldName(frequency: string, currency: string): string {
  return `amount.${frequency}.${currency}`;
}

const RANGE_KIND: Record<Frequency, string> = {
  ONCE: "One-time",
  MONTHLY: "Monthly",
  ANNUAL: "Annual",
};

/** "Monthly gifts: $2 to $1,000." under the presets. */
export function rangeLine(
  { min, max }: Pick<AmountRules, "min" | "max">,
  currency: string,
  frequency: Frequency,
): string {
  return `${RANGE_KIND[frequency]} gifts: ${formatMoney(min, currency)} to ${formatMoney(max, currency)}.`;
}
