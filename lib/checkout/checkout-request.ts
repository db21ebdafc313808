import { z } from "zod";
import { SURFACES, VARIANTS, type Variant } from "../ask/config";
import { CURRENCY_LIST_TEXT } from "../rules/currencies";
import {
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
  currency: z.enum(CURRENCIES, { error: `Choose a currency: ${CURRENCY_LIST_TEXT}.` }),
  amount: z.string().trim().max(20).optional(),
  otherAmount: z.string().trim().max(20).optional(),
  // Only the ask's own surfaces: a free-text value would put any words an attacker likes on the funnel page.
  surface: z.enum(SURFACES, { error: "Unknown surface." }).optional(),
  variant: z.enum(VARIANTS).optional(),
});

export type CheckoutChoice = {
  frequency: Frequency;
  currency: Currency;
  amount: number;
  /** One of SURFACES when it comes from a request (checkoutFormSchema); tests tag their rows with others. */
  surface: string;
  variant: Variant;
};

export type FieldErrors = Partial<Record<"frequency" | "currency" | "amount", string>>;

export type ParseResult = { ok: true; choice: CheckoutChoice } | { ok: false; errors: FieldErrors };

/** Validates a submission the same way for the no-JavaScript form post, the inline check and JSON clients. */
export function parseCheckoutChoice(input: unknown): ParseResult {
  const parsed = checkoutFormSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "frequency" || field === "currency") errors[field] ??= issue.message;
      else errors.amount ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { frequency, currency, amount, otherAmount, surface, variant } = parsed.data;
  // A typed amount wins over a preset (without JavaScript both can be sent). Presets are posted in minor
  // units ("2500"); typed amounts in major units ("25" or "25.50").
  const typed = otherAmount || amount === "other";
  if (!typed && !amount)
    return { ok: false, errors: { amount: "Choose an amount or enter your own." } };
  if (typed && !otherAmount)
    return { ok: false, errors: { amount: "Enter the amount you would like to give." } };
  const minor = typed
    ? parseMajorAmount(otherAmount ?? "")
    : /^\d{1,9}$/.test(amount ?? "")
      ? Number(amount)
      : null;
  if (minor === null)
    return {
      ok: false,
      errors: { amount: "Enter an amount in numbers, for example 15 or 15.50." },
    };
  const problem = checkAmount(minor, currency, frequency);
  if (problem) return { ok: false, errors: { amount: problem } };
  return {
    ok: true,
    choice: {
      frequency,
      currency,
      amount: minor,
      surface: surface ?? "support-page",
      variant: variant ?? "default",
    },
  };
}
