import { z } from "zod";
import { SURFACES, VARIANTS, type Variant } from "../ask/config";
import { currencyListText } from "../rules/currencies";
import { parseReturnTo, type ReturnPolicy, type ReturnTo } from "../http/return-to";
import { ASK_LOCALES, amountSettings, type AskLocale, type AskSettings } from "../ask/settings";
import {
  amountFieldName,
  amountNotReadMessage,
  CURRENCIES,
  FREQUENCIES,
  checkAmount,
  parseMajorAmount,
  type Currency,
  type Frequency,
} from "../ask/amounts";

/** What a reader submits from the ask: a preset amount (minor units) or "other" with a typed amount. */
export const checkoutFormSchema = z.object({
  frequency: z.enum(FREQUENCIES, {
    error: "Choose how often you would like to give: once, monthly or annual.",
  }),
  // Any currency the app takes here; the published ask's own list is checked next (parseCheckoutChoice).
  currency: z.enum(CURRENCIES, { error: "Choose a currency from the list." }),
  amount: z.string().trim().max(20).optional(),
  otherAmount: z.string().trim().max(20).optional(),
  // Only the ask's own surfaces: a free-text value would put any words an attacker likes on the funnel page.
  surface: z.enum(SURFACES, { error: "Unknown surface." }).optional(),
  variant: z.enum(VARIANTS).optional(),
  // The language the reader read the ask in: Checkout opens in it.
  locale: z.enum(ASK_LOCALES).optional().catch(undefined),
  // The article to come back to (lib/http/return-to.ts decides which are allowed; others are dropped).
  returnTo: z.string().max(2000).optional(),
});

export type CheckoutChoice = {
  frequency: Frequency;
  currency: Currency;
  amount: number;
  /** One of SURFACES when it comes from a request (checkoutFormSchema); tests tag their rows with others. */
  surface: string;
  variant: Variant;
  /** The article the reader came from: Checkout's success and cancel URLs bring them back to it. */
  returnTo?: ReturnTo;
  /** The ask's language, for Checkout's. */
  locale?: AskLocale;
};

export type FieldErrors = Partial<Record<"frequency" | "currency" | "amount", string>>;

export type ParseResult = { ok: true; choice: CheckoutChoice } | { ok: false; errors: FieldErrors };

/** The submission with `amount` read from the group of the chosen frequency and currency, when it came so. */
export function withChosenAmount(input: unknown): Record<string, unknown> {
  const fields = { ...((input ?? {}) as Record<string, unknown>) };
  const { frequency, currency } = fields;
  if (fields.amount === undefined && typeof frequency === "string" && typeof currency === "string")
    fields.amount = fields[amountFieldName(frequency, currency)];
  return fields;
}

/** What a choice is checked against: the published ask's currencies and amounts. */
export type OfferSettings = Pick<AskSettings, "currencies" | "amounts">;

/** Validates a submission the same way for the no-JavaScript form post, the inline check and JSON clients. */
export function parseCheckoutChoice(
  input: unknown,
  offer: OfferSettings,
  returnPolicy?: ReturnPolicy,
): ParseResult {
  const parsed = checkoutFormSchema.safeParse(withChosenAmount(input));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "frequency" || field === "currency") errors[field] ??= issue.message;
      else errors.amount ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { frequency, currency, amount, otherAmount, surface, variant, returnTo, locale } =
    parsed.data;
  if (!offer.currencies.includes(currency))
    return {
      ok: false,
      errors: { currency: `Choose a currency: ${currencyListText(offer.currencies)}.` },
    };
  // The picked radio decides: a preset, or "other" with the typed amount (a typed amount alone counts too; a
  // preset wins over a stale typed one). Presets are posted in minor units ("2500"); typed amounts in major
  // units ("25" or "25.50").
  const typed = amount === "other" || (!amount && Boolean(otherAmount));
  if (!typed && !amount)
    return { ok: false, errors: { amount: "Choose an amount or enter your own." } };
  if (typed && !otherAmount)
    return { ok: false, errors: { amount: "Enter the amount you would like to give." } };
  const minor = typed
    ? parseMajorAmount(otherAmount ?? "", currency)
    : /^\d{1,9}$/.test(amount ?? "")
      ? Number(amount)
      : null;
  if (minor === null)
    return {
      ok: false,
      errors: { amount: amountNotReadMessage(currency) },
    };
  const problem = checkAmount(
    minor,
    currency,
    frequency,
    amountSettings(offer, currency, frequency),
  );
  if (problem) return { ok: false, errors: { amount: problem } };
  const back = returnPolicy ? parseReturnTo(returnTo, returnPolicy) : null;
  return {
    ok: true,
    choice: {
      frequency,
      currency,
      amount: minor,
      surface: surface ?? "support-page",
      variant: variant ?? "default",
      ...(back ? { returnTo: back } : {}),
      ...(locale ? { locale } : {}),
    },
  };
}
