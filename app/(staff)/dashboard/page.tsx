import type { Metadata } from "next";
import { MembersChart, RevenueChart } from "@/components/dashboard/Charts";
import { day, delta, money, percent } from "@/components/dashboard/format";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import type { CurrencySummary } from "@/lib/dashboard/metrics";
import { membersByMonth, overview, revenueByMonth } from "@/lib/dashboard/overview";
import { PRESETS, resolvePeriod, type Preset } from "@/lib/dashboard/period";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

function Kpi({
  label,
  value,
  previous,
  testId,
}: {
  label: string;
  value: string;
  previous?: string;
  testId?: string;
}) {
  return (
    <li className="kpi" data-testid={testId}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
      {previous && <span className="prev">{previous}</span>}
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
    revenueByMonth(db, 12),
    membersByMonth(db, 12),
  ]);
  const prevOf = (currency: string): CurrencySummary | undefined =>
    previous.currencies.find((c) => c.currency === currency);
  const currencies = [...new Set(revenue.map((r) => r.currency))].sort();

  return (
    <>
      <h1>Overview</h1>
      <nav aria-label="Period" className="presets">
        {(Object.keys(PRESETS) as Preset[]).map((p) => (
          <a
            key={p}
            href={`/dashboard?period=${p}`}
            aria-current={p === preset ? "page" : undefined}
          >
            {PRESETS[p]}
          </a>
        ))}
      </nav>
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
          label="Churn rate"
          value={percent(current.churnRate)}
          previous={`previous period: ${percent(previous.churnRate)}`}
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
        <div className="table-wrap">
          <table className="data" data-testid="revenue-table">
            <caption className="visually-hidden">
              Revenue and recurring revenue per currency; annual plans count as amount / 12 per
              month
            </caption>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Monthly members
                </th>
                <th scope="col" className="num">
                  Annual members
                </th>
                <th scope="col" className="num">
                  MRR
                </th>
                <th scope="col" className="num">
                  ARR
                </th>
                <th scope="col" className="num">
                  One-time
                </th>
                <th scope="col" className="num">
                  Recurring
                </th>
                <th scope="col" className="num">
                  Refunds
                </th>
                <th scope="col" className="num">
                  Disputes lost
                </th>
                <th scope="col" className="num">
                  Net revenue
                </th>
                <th scope="col" className="num">
                  Net vs previous
                </th>
              </tr>
            </thead>
            <tbody>
              {current.currencies.map((c) => (
                <tr key={c.currency} data-currency={c.currency}>
                  <th scope="row">{c.currency}</th>
                  <td className="num" data-field="monthlyMembers">
                    {c.monthlyMembers}
                  </td>
                  <td className="num" data-field="annualMembers">
                    {c.annualMembers}
                  </td>
                  <td className="num" data-field="mrr">
                    {money(c.mrr, c.currency)}
                  </td>
                  <td className="num" data-field="arr">
                    {money(c.arr, c.currency)}
                  </td>
                  <td className="num" data-field="oneTime">
                    {money(c.oneTimeRevenue, c.currency)}
                  </td>
                  <td className="num" data-field="recurring">
                    {money(c.recurringRevenue, c.currency)}
                  </td>
                  <td className="num" data-field="refunds">
                    {money(c.refunds, c.currency)}
                  </td>
                  <td className="num" data-field="disputesLost">
                    {money(c.disputesLost, c.currency)}
                  </td>
                  <td className="num" data-field="net">
                    {money(c.netRevenue, c.currency)}
                  </td>
                  <td className="num">
                    {delta(c.netRevenue, prevOf(c.currency)?.netRevenue ?? 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="fineprint">
        MRR counts annual plans at a twelfth of their amount. Refunds count in the period they were
        made and lost disputes in the period they were lost, whenever the payment was. Currencies
        are never added together.
      </p>

      <h2>Trends</h2>
      <div className="charts">
        <MembersChart data={members} />
        {currencies.map((currency) => (
          <RevenueChart key={currency} currency={currency} data={revenue} />
        ))}
      </div>
    </>
  );
}
