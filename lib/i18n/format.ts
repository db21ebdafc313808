import { formatMoney, type Frequency } from "../ask/amounts";
import type { Locale } from "./locale";
import { TIME_ZONE, translator } from "./messages";

/** A day as readers read it: "December 1, 2026" / "1 декабря 2026 г." ("medium": "Dec 1, 2026", for tables). */
export function formatDay(at: Date, locale: Locale, style: "long" | "medium" = "long"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: TIME_ZONE }).format(at);
}

/** A gift in the reader's words: "€10 per month" / "10 € в месяц", "$25" / "25 $". */
export function describeGiftIn(
  locale: Locale,
  minor: number,
  currency: string,
  frequency: Frequency,
): string {
  return translator(locale, "gift")("describe", {
    amount: formatMoney(minor, currency, locale),
    frequency,
  });
}
