import type { Metadata } from "next";
import { FilterError } from "@/components/dashboard/FilterError";
import { day, money } from "@/components/dashboard/format";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Pager } from "@/components/dashboard/Pager";
import { Select } from "@/components/dashboard/Select";
import { type Column, DataTable } from "@/components/DataTable";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { paymentFilters, type PaymentFilters } from "@/lib/dashboard/filters";
import { ListTotals } from "@/components/dashboard/ListTotals";
import { listPayments, PAYMENT_STATUS_FILTER, paymentTotals } from "@/lib/dashboard/payments";
import { filtersOrError } from "@/lib/dashboard/safe-parse";
import { PAYMENT_STATUS_LABELS } from "@/lib/rules/labels";

export const metadata: Metadata = { title: "Payments" };
export const dynamic = "force-dynamic";

const COLUMNS: Column[] = [
  { label: "Date" },
  { label: "Supporter" },
  { label: "Kind" },
  { label: "Amount", num: true },
  { label: "Refunded", num: true },
  { label: "Status" },
  { label: "Dispute" },
];

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
  const parsed = filtersOrError(paymentFilters, await searchParams, { from: "From" });
  const v = parsed.values;
  return (
    <>
      <h1>Payments</h1>
      {parsed.error && <FilterError message={parsed.error} />}
      <FilterForm
        label="Filter payments"
        searchLabel="Supporter email or name"
        fromLabel="From"
        exportPath="/api/staff/export/payments"
        filters={v}
        exportable={parsed.ok}
      >
        <Select
          name="kind"
          label="Kind"
          value={v.kind}
          options={[
            ["once", "One-time"],
            ["recurring", "Membership"],
          ]}
        />
        <Select
          name="status"
          label="Status"
          value={v.status}
          options={Object.entries(PAYMENT_STATUS_FILTER).map(([value, status]) => [
            value,
            PAYMENT_STATUS_LABELS[status],
          ])}
        />
      </FilterForm>
      {parsed.ok ? (
        <PaymentsList filters={parsed.filters} />
      ) : (
        <p className="notice">No payments are listed until the filters above are fixed.</p>
      )}
    </>
  );
}

async function PaymentsList({ filters: f }: { filters: PaymentFilters }) {
  const [{ rows, next }, totals] = await Promise.all([listPayments(db, f), paymentTotals(db, f)]);
  return (
    <>
      <ListTotals
        totals={totals}
        noun={{ one: "payment", many: "payments" }}
        narrow="choose a From date to see their totals"
        testId="payments-totals"
      />
      <DataTable
        testId="payments"
        caption="Payments matching the filters"
        columns={COLUMNS}
        empty={rows.length === 0 && "No payments match these filters."}
      >
        {rows.map((p) => (
          <tr key={p.id}>
            <td>{day(p.occurredAt)}</td>
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
            <td className="num">{p.amountRefunded ? money(p.amountRefunded, p.currency) : "—"}</td>
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
      </DataTable>
      <Pager path="/dashboard/payments" filters={f} next={next} />
    </>
  );
}
