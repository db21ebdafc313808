import type { ReactNode } from "react";
import { filterQuery } from "@/lib/dashboard/filters";
import { CURRENCIES } from "@/lib/rules/currencies";
import { DateInput, Select } from "./Select";

/** The filters the supporters and payments lists share (lib/dashboard/filters.ts `common`). */
type CommonFilters = { q?: string; currency?: string; from?: string; to?: string; sort?: string };

/**
 * A list's filter form: the search field, the list's own selects (`children`), then currency, the date range,
 * the order, Apply, and the CSV export of the same filters.
 */
export function FilterForm({
  label,
  searchLabel,
  fromLabel,
  exportPath,
  filters: f,
  exportable = true,
  children,
}: {
  label: string;
  searchLabel: string;
  fromLabel: string;
  exportPath: string;
  filters: CommonFilters;
  /** False while the filters are invalid: the export would only answer with the same message. */
  exportable?: boolean;
  children: ReactNode;
}) {
  return (
    <form className="filters" method="get" role="search" aria-label={label}>
      <div>
        <label htmlFor="f-q">{searchLabel}</label>
        <input id="f-q" name="q" type="search" defaultValue={f.q ?? ""} />
      </div>
      {children}
      <Select
        name="currency"
        label="Currency"
        value={f.currency}
        options={CURRENCIES.map((c) => [c, c])}
      />
      <DateInput name="from" label={fromLabel} value={f.from} />
      <DateInput name="to" label="to" value={f.to} />
      <Select
        name="sort"
        label="Order"
        value={f.sort}
        options={[
          ["newest", "Newest first"],
          ["oldest", "Oldest first"],
        ]}
      />
      <button className="button" type="submit">
        Apply
      </button>
      {exportable && (
        <a href={`${exportPath}${filterQuery(f)}`} download>
          Download CSV
        </a>
      )}
    </form>
  );
}
