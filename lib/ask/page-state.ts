import { isSurface, isVariant, type Surface, type Variant } from "./config";
import { tryAgainIn } from "../http/wait";
import { isFrequency, type Currency, type Frequency } from "./amounts";
import { amountSettings, type AskSettings } from "./settings";
import { toMajorText } from "../rules/money";
import { parseCheckoutChoice, type FieldErrors } from "../checkout/checkout-request";

/** Why the ask is shown again: checkout cancelled, the provider or our limits' store unreachable, or rate-limited. */
export type Notice =
  { kind: "cancelled" | "unavailable" } | { kind: "limited"; tryAgain: string } | null;

/** A no-JavaScript "remind me later" post sent back (lib/ask/handle-remind-later.ts): the message to show by the form. */
export type RemindNotice = string | null;
/** The CAPTCHA refused a no-JavaScript-path submission ("retry") or could not be checked ("unavailable"). */
export type CaptchaProblem = "retry" | "unavailable" | null;

/** The ask this visit continues: a reader sent here from an article's or the embed's ask finishes that journey. */
export type Attribution = { surface: Exclude<Surface, "support-page">; variant: Variant };

export type SupportPageState = {
  frequency: Frequency;
  currency: Currency;
  /** A preset in minor units, or "other" with otherAmount as typed. */
  amount: string;
  otherAmount: string;
  errors: FieldErrors;
  notice: Notice;
  remindNotice: RemindNotice;
  captchaProblem: CaptchaProblem;
  cameFrom: Attribution | null;
};

type Query = Record<string, string | string[] | undefined>;

function one(query: Query, key: string): string | undefined {
  const value = query[key];
  return typeof value === "string" ? value.slice(0, 40) : undefined;
}

/**
 * The ask's initial state from the query string: a choice to restore after cancelling at Checkout, or a
 * no-JavaScript submission sent back with ?invalid=1, re-validated here so messages never come from the URL.
 */
export function supportPageState(
  query: Query,
  settings: Pick<AskSettings, "currencies" | "amounts" | "defaultCurrency" | "defaultFrequency">,
): SupportPageState {
  const rawFrequency = one(query, "frequency");
  const rawCurrency = one(query, "currency");
  const frequency = isFrequency(rawFrequency) ? rawFrequency : settings.defaultFrequency;
  const currency =
    rawCurrency && (settings.currencies as string[]).includes(rawCurrency)
      ? (rawCurrency as Currency)
      : settings.defaultCurrency;
  const rules = amountSettings(settings, currency, frequency);
  const requested = one(query, "amount") ?? "";
  const otherAmount = one(query, "otherAmount") ?? "";
  const isPreset = rules.presets.map(String).includes(requested);
  const amount = isPreset
    ? requested
    : requested === "other" || otherAmount
      ? "other"
      : String(rules.defaultAmount);
  const restoredOther =
    !isPreset && /^\d{1,9}$/.test(requested) && !otherAmount
      ? toMajorText(Number(requested), currency)
      : otherAmount;

  const errors = one(query, "invalid")
    ? (() => {
        const result = parseCheckoutChoice(
          { frequency: rawFrequency, currency: rawCurrency, amount: requested, otherAmount },
          settings,
        );
        return result.ok ? {} : result.errors;
      })()
    : {};
  const limited = waitOf(one(query, "limited"));
  const notice: Notice =
    limited !== null
      ? { kind: "limited", tryAgain: tryAgainIn(limited) }
      : one(query, "cancelled")
        ? { kind: "cancelled" }
        : one(query, "unavailable")
          ? { kind: "unavailable" }
          : null;
  const captcha = one(query, "captcha");
  const captchaProblem: CaptchaProblem =
    captcha === "unavailable" ? "unavailable" : captcha ? "retry" : null;
  const surface = one(query, "surface");
  const variant = one(query, "variant");
  const cameFrom: Attribution | null =
    isSurface(surface) && surface !== "support-page"
      ? { surface, variant: isVariant(variant) ? variant : "default" }
      : null;
  return {
    frequency,
    currency,
    amount: restoredOther && !isPreset ? "other" : amount,
    otherAmount: restoredOther,
    errors,
    notice,
    remindNotice: remindNotice(query),
    captchaProblem,
    cameFrom,
  };
}

/** Seconds from a query flag (only digits, bounded): never text from the URL on the page. */
function waitOf(value: string | undefined): number | null {
  return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

/** The message for a "remind me later" form post that came back (?remind=invalid|limited|unavailable). */
export function remindNotice(query: Query): RemindNotice {
  const kind = one(query, "remind");
  if (kind === "limited")
    return `Too many requests from this connection just now. Please try again ${tryAgainIn(waitOf(one(query, "retry")) ?? 60)}.`;
  if (kind === "unavailable")
    return "We could not save that just now. Please try again in a minute.";
  if (kind === "invalid")
    return "Please choose when we should ask again (and, for a reminder email, a valid address and the box ticked).";
  return null;
}
