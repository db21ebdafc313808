import type { Metadata } from "next";
import { FilterError } from "@/components/dashboard/FilterError";
import { day, money } from "@/components/dashboard/format";
import { DateInput, Select } from "@/components/dashboard/Select";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { filterQuery, paymentFilters } from "@/lib/dashboard/filters";
import { listPayments, PAYMENT_STATUS_FILTER } from "@/lib/dashboard/payments";
import { filtersOrError } from "@/lib/dashboard/safe-parse";
import { CURRENCIES } from "@/lib/rules/currencies";
import { PAYMENT_STATUS_LABELS } from "@/lib/rules/labels";

export const metadata: Metadata = { title: "Payments" };
export const dynamic = "force-dynamic";

const DISPUTE: Record<string, string> = {
  warning_needs_response: "Inquiry, needs response",
  warning_under_review: "Inquiry under review",
  warning_closed: "Inquiry closed",
  needs_response: "Needs response",
  under_review: "Under review",
  appeal_needs_response: "Appeal needs response",
  appeal_under_review: "Appeal under review",
  won: "Won",
  lost: "Lost",
  prevented: "Prevented",
};

export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/payments");
  const { filters: f, error } = filtersOrError(paymentFilters, await searchParams);
  const { rows, next } = await listPayments(db, f);
  return (
    <>
      <h1>Payments</h1>
      {error && <FilterError message={error} />}
      <form className="filters" method="get" role="search" aria-label="Filter payments">
        <div>
          <label htmlFor="f-q">Supporter email or name</label>
          <input id="f-q" name="q" type="search" defaultValue={f.q ?? ""} />
        </div>
        <Select
          name="kind"
          label="Kind"
          value={f.kind}
          options={[
            ["once", "One-time"],
            ["recurring", "Membership"],
          ]}
        />
        <Select
          name="status"
          label="Status"
          value={f.status}
          options={Object.entries(PAYMENT_STATUS_FILTER).map(([value, status]) => [
            value,
            PAYMENT_STATUS_LABELS[status],
          ])}
        />
        <Select
          name="currency"
          label="Currency"
          value={f.currency}
          options={CURRENCIES.map((c) => [c, c])}
        />
        <DateInput name="from" label="From" value={f.from} />
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
        <a href={`/api/staff/export/payments${filterQuery(f)}`} download>
          Download CSV
        </a>
      </form>
      <div className="table-wrap">
        <table className="data" data-testid="payments">
          <caption className="visually-hidden">Payments matching the filters</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Supporter</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Refunded
              </th>
              <th scope="col">Status</th>
              <th scope="col">Dispute</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7}>No payments match these filters.</td>
              </tr>
            )}
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{day(p.paidAt ?? p.createdAt)}</td>
                <td>
                  <a href={`/dashboard/supporters/${p.supporter.id}`}>
                    {p.supporter.email ?? p.supporter.name ?? "(unknown)"}
                  </a>
                </td>
                <td>
                  {p.kind === "ONE_TIME"
                    ? "One-time"
                    : p.membership?.interval === "YEAR"
                      ? "Annual"
                      : "Monthly"}
                </td>
                <td className="num">{money(p.amount, p.currency)}</td>
                <td className="num">
                  {p.amountRefunded ? money(p.amountRefunded, p.currency) : "—"}
                </td>
                <td>
                  {PAYMENT_STATUS_LABELS[p.status]}
                  {p.failureMessage && p.status === "FAILED" ? ` — ${p.failureMessage}` : ""}
                </td>
                <td data-field="dispute">
                  {p.disputes.length === 0
                    ? "—"
                    : p.disputes
                        .map(
                          (d) =>
                            `${DISPUTE[d.status] ?? d.status}: ${money(d.amount, d.currency)} (${d.reason.replaceAll("_", " ")})`,
                        )
                        .join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        {f.after && <a href={`/dashboard/payments${filterQuery(f)}`}>First page</a>}
        {next && <a href={`/dashboard/payments${filterQuery(f, { after: next })}`}>Next page</a>}
      </nav>
    </>
  );
}
