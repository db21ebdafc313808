import type { ListTotals as Totals } from "@/lib/dashboard/payments";
import { money } from "./format";

/**
 * Above a list: how many rows match the filters on every page, and per currency (never added together) what the
 * collected payments among them came to.
 */
export function ListTotals({
  totals,
  noun,
  testId,
  narrow = "narrow them to see their totals",
}: {
  totals: Totals;
  noun: { one: string; many: string };
  testId: string;
  /** What to do when there are too many matches to add up. */
  narrow?: string;
}) {
  const n = totals.count;
  if (totals.more)
    return (
      <section className="list-totals" aria-label="Matches and totals" data-testid={testId}>
        <p>
          More than <strong data-field="count">{n.toLocaleString("en")}</strong> {noun.many} match
          these filters: {narrow}.
        </p>
      </section>
    );
  const inMoney = totals.currencies.filter((t) => t.collected > 0);
  return (
    <section className="list-totals" aria-label="Matches and totals" data-testid={testId}>
      <p>
        <strong data-field="count">{n.toLocaleString("en")}</strong>{" "}
        {n === 1 ? noun.one : noun.many} match{n === 1 ? "es" : ""} these filters
        {inMoney.length > 0 ? ":" : "."}
      </p>
      {inMoney.length > 0 && (
        <ul>
          {inMoney.map((t) => (
            <li key={t.currency} data-currency={t.currency}>
              <strong>{money(t.amount, t.currency)}</strong> collected in {t.currency} from{" "}
              {t.collected.toLocaleString("en")} {t.collected === 1 ? "payment" : "payments"}
              {t.refunded > 0 ? `, ${money(t.refunded, t.currency)} of it refunded` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
