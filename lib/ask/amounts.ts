/**
 * The ask's amounts: presets and limits per frequency and currency, in minor units.
 * Presets are suggestions; any amount within [min, max] is accepted, so a reader without JavaScript who
 * switches frequency after picking a preset still gets a valid choice.
 */
import { CURRENCIES, isCurrency, type Currency } from "../rules/currencies";
import { FREQUENCIES, isFrequency, type Frequency } from "../rules/frequencies";
import {
  formatMoney as formatMinor,
  minorUnitDigits,
  stripeMinimum,
  toMinor,
} from "../rules/money";

export { CURRENCIES, FREQUENCIES, isCurrency, isFrequency, type Currency, type Frequency };

export type AmountRules = {
  presets: readonly number[];
  defaultAmount: number;
  min: number;
  max: number;
};

type Table = Record<Currency, Record<Frequency, AmountRules>>;

// USD, EUR, GBP and the dollars and franc near them in value share one table: the same steps read naturally.
const SAME_STEPS: Record<Frequency, AmountRules> = {
  ONCE: { presets: [1000, 2500, 5000, 10000], defaultAmount: 2500, min: 200, max: 1_000_000 },
  MONTHLY: { presets: [500, 1000, 2000], defaultAmount: 1000, min: 200, max: 100_000 },
  ANNUAL: { presets: [5000, 10000, 25000], defaultAmount: 10000, min: 1000, max: 1_000_000 },
};

// The Scandinavian crowns are worth about a tenth of a dollar: ten times the steps ("100 kr", "250 kr").
const CROWN_STEPS: Record<Frequency, AmountRules> = {
  ONCE: {
    presets: [10000, 25000, 50000, 100000],
    defaultAmount: 25000,
    min: 2000,
    max: 10_000_000,
  },
  MONTHLY: { presets: [5000, 10000, 20000], defaultAmount: 10000, min: 2000, max: 1_000_000 },
  ANNUAL: { presets: [50000, 100000, 250000], defaultAmount: 100000, min: 10000, max: 10_000_000 },
};

// Yen have no minor unit, so these are whole yen: round steps a Japanese reader expects (¥1,000, ¥3,000).
const YEN_MIN = Math.max(100, stripeMinimum("JPY"));
const YEN_STEPS: Record<Frequency, AmountRules> = {
  ONCE: { presets: [1000, 3000, 5000, 10000], defaultAmount: 3000, min: YEN_MIN, max: 1_000_000 },
  MONTHLY: { presets: [500, 1000, 2000], defaultAmount: 1000, min: YEN_MIN, max: 100_000 },
  ANNUAL: { presets: [5000, 10000, 30000], defaultAmount: 10000, min: 1000, max: 1_000_000 },
};

/** The built-in steps per currency: the default ask's (lib/ask/settings.ts), which staff then edit. */
export const AMOUNTS: Table = {
  USD: SAME_STEPS,
  EUR: SAME_STEPS,
  GBP: SAME_STEPS,
  CAD: SAME_STEPS,
  AUD: SAME_STEPS,
  NZD: SAME_STEPS,
  CHF: SAME_STEPS,
  SEK: CROWN_STEPS,
  NOK: CROWN_STEPS,
  DKK: CROWN_STEPS,
  JPY: YEN_STEPS,
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

/**
 * The least a reader can give: the ask's minimum, but never below what Stripe charges in the currency (it
 * refuses a smaller Checkout), whatever minimum the ask was given.
 */
export function lowestAmount(min: number, currency: Currency): number {
  return Math.max(min, stripeMinimum(currency));
}

/**
 * A typed amount in the currency's major unit to minor units, or null: "12.50" USD → 1250, "1000" JPY → 1000.
 * Accepts "12", "12.5", "12,50", "1,000" and "1,000.50" (no fraction for yen); rejects anything else.
 */
export function parseMajorAmount(input: string, currency: string): number | null {
  return toMinor(input, currency);
}

/** What to type when a typed amount does not read: yen have no fraction, so their example has none. */
export function amountNotReadMessage(currency: string): string {
  return minorUnitDigits(currency) === 0
    ? "Enter an amount in whole numbers, for example 1500."
    : "Enter an amount in numbers, for example 15 or 15.50.";
}

/** "$25", "£25.50", "¥1,000": whole units drop the decimals; the locale decides the rest ("10 $" in Russian). */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  return formatMinor(minor, currency, locale);
}

export function describeGift(minor: number, currency: string, frequency: Frequency): string {
  return `${formatMoney(minor, currency)}${PER[frequency]}`;
}

/** A message a person can act on, or null when the amount is acceptable. */
export function checkAmount(
  minor: number,
  currency: Currency,
  frequency: Frequency,
  rules: Pick<AmountRules, "min" | "max">,
): string | null {
  const min = lowestAmount(rules.min, currency);
  const max = rules.max;
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

/**
 * What Continue does, in the newsroom's words: the button template with "{amount}" as the gift ("Support
 * $10/month", "Support $25"), or, without an amount yet, generic.
 */
export function continueLabel(
  minor: number | null,
  currency: string,
  frequency: Frequency,
  button = "Support {amount}",
  buttonOnce = "Support with {amount}",
): string {
  if (minor === null) return "Continue to payment";
  const template = frequency === "ONCE" ? buttonOnce : button;
  return template.replace("{amount}", presetLabel(minor, currency, frequency));
}

/** The appeal's last line: the least a reader can give, for the frequency the ask starts with. */
export function fromJustLine(min: number, currency: Currency, frequency: Frequency): string {
  const lowest = formatMoney(lowestAmount(min, currency), currency);
  const per = { ONCE: "", MONTHLY: " a month", ANNUAL: " a year" }[frequency];
  return `Support us from just ${lowest}${per} — it only takes a minute.`;
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
  currency: Currency,
  frequency: Frequency,
): string {
  const lowest = formatMoney(lowestAmount(min, currency), currency);
  return `${RANGE_KIND[frequency]} gifts: ${lowest} to ${formatMoney(max, currency)}.`;
}
