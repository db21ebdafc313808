import type { Metadata } from "next";
import type { ReactNode } from "react";
import { MembersChart, RevenueChart } from "@/components/dashboard/Charts";
import { day, delta, money, percent } from "@/components/dashboard/format";
import { PeriodNav } from "@/components/dashboard/PeriodNav";
import { DataTable } from "@/components/DataTable";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { chartMonths, churnDefinition, type CurrencySummary } from "@/lib/dashboard/metrics";
import { membersByMonth, overview, revenueByMonth } from "@/lib/dashboard/overview";
import { PRESETS, resolvePeriod } from "@/lib/dashboard/period";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

/** The revenue table's columns after the currency: each cell's data-field, its heading and its value. */
const REVENUE_COLUMNS: Array<{
  field: string;
  label: string;
  value: (c: CurrencySummary) => ReactNode;
}> = [
  { field: "monthlyMembers", label: "Monthly members", value: (c) => c.monthlyMembers },
  { field: "annualMembers", label: "Annual members", value: (c) => c.annualMembers },
  { field: "mrr", label: "MRR", value: (c) => money(c.mrr, c.currency) },
  { field: "arr", label: "ARR", value: (c) => money(c.arr, c.currency) },
  { field: "oneTime", label: "One-time", value: (c) => money(c.oneTimeRevenue, c.currency) },
  { field: "recurring", label: "Recurring", value: (c) => money(c.recurringRevenue, c.currency) },
  { field: "refunds", label: "Refunds", value: (c) => money(c.refunds, c.currency) },
  {
    field: "disputesLost",
    label: "Disputes lost",
    value: (c) => money(c.disputesLost, c.currency),
  },
  { field: "net", label: "Net revenue", value: (c) => money(c.netRevenue, c.currency) },
];

function Kpi({
  label,
  value,
  previous,
  definition,
  testId,
}: {
  label: string;
  value: string;
  previous?: string;
  /** What the figure means, shown with it. */
  definition?: string;
  testId?: string;
}) {
  return (
    <li className="kpi" data-testid={testId}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
      {previous && <span className="prev">{previous}</span>}
      {definition && (
        <span className="prev" data-testid={testId && `${testId}-definition`}>
          {definition}
        </span>
      )}
    </li>
  );
}

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard");
  const { preset, period } = resolvePeriod(await searchParams);
  const [{ current, previous, cancelling }, revenue, members] = await Promise.all([
    overview(db, period),
    revenueByMonth(db, period),
    membersByMonth(db, period),
  ]);
  const prevOf = (currency: string): CurrencySummary | undefined =>
    previous.currencies.find((c) => c.currency === currency);
  const currencies = [...new Set(revenue.map((r) => r.currency))].sort();
  // The charts' months: the period's calendar months, the partial ones (cut by the period) labelled so.
  const months = chartMonths(period).map(({ month, label, partial }) => ({
    month,
    label,
    partial,
  }));

  return (
    <>
      <h1>Overview</h1>
      <PeriodNav path="/dashboard" preset={preset} />
      <p className="fineprint">
        {day(period.start)} – {day(period.end)}, compared with the{" "}
        {PRESETS[preset].toLowerCase().replace("last ", "")} before.
      </p>

      <h2>Members</h2>
      <ul className="kpis">
        <Kpi
          testId="kpi-active"
          label="Active members"
          value={String(current.activeMembers)}
          previous={`${delta(current.activeMembers, previous.activeMembers)} vs ${previous.activeMembers}`}
        />
        <Kpi
          testId="kpi-new"
          label="New members"
          value={String(current.newMembers)}
          previous={`previous period: ${previous.newMembers}`}
        />
        <Kpi
          testId="kpi-churned"
          label="Churned members"
          value={String(current.churnedMembers)}
          previous={`previous period: ${previous.churnedMembers}`}
        />
        <Kpi
          testId="kpi-churn-rate"
          label={current.churnMonths > 1 ? "Monthly churn rate" : "Churn rate"}
          value={percent(current.churnRate)}
          previous={`previous period: ${percent(previous.churnRate)}`}
          definition={churnDefinition(current.churnMonths)}
        />
        <Kpi testId="kpi-cancelling" label="Cancelling at period end" value={String(cancelling)} />
        <Kpi
          testId="kpi-failed"
          label="Failed payments"
          value={String(current.failedPayments)}
          previous={`previous period: ${previous.failedPayments}`}
        />
      </ul>

      <h2>Revenue by currency</h2>
      {current.currencies.length === 0 ? (
        <p>No members or payments in this period.</p>
      ) : (
        <DataTable
          testId="revenue-table"
          caption="Revenue and recurring revenue per currency; annual plans count as amount / 12 per month"
          columns={[
            { label: "Currency" },
            ...REVENUE_COLUMNS.map(({ label }) => ({ label, num: true })),
            { label: "Net vs previous", num: true },
          ]}
        >
          {current.currencies.map((c) => (
            <tr key={c.currency} data-currency={c.currency}>
              <th scope="row">{c.currency}</th>
              {REVENUE_COLUMNS.map(({ field, value }) => (
                <td key={field} className="num" data-field={field}>
                  {value(c)}
                </td>
              ))}
              <td className="num">{delta(c.netRevenue, prevOf(c.currency)?.netRevenue ?? 0)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="fineprint">
        MRR counts annual plans at a twelfth of their amount. Refunds count in the period they were
        made and lost disputes in the period they were lost, whenever the payment was. Currencies
        are never added together.
      </p>

      <h2>Trends</h2>
      <p className="fineprint">
        By calendar month (UTC) over the period; a month the period cuts, such as the current one to
        date, is labelled so and drawn lighter.
      </p>
      <div className="charts">
        <MembersChart data={members} months={months} />
        {currencies.map((currency) => (
          <RevenueChart key={currency} currency={currency} data={revenue} months={months} />
        ))}
      </div>
    </>
  );
}
