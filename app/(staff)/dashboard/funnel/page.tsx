import type { Metadata } from "next";
import { day, percent } from "@/components/dashboard/format";
import { PeriodNav } from "@/components/dashboard/PeriodNav";
import { type Column, DataTable } from "@/components/DataTable";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { funnel, rate } from "@/lib/dashboard/funnel";
import { resolvePeriod } from "@/lib/dashboard/period";

export const metadata: Metadata = { title: "Ask funnel" };
export const dynamic = "force-dynamic";

const COLUMNS: Column[] = [
  { label: "Surface" },
  { label: "Variant" },
  { label: "Impressions", num: true },
  { label: "Continue", num: true },
  { label: "Checkout", num: true },
  { label: "Paid", num: true },
  { label: "Paid / impressions", num: true },
  { label: "Remind me later", num: true },
];

const DAY_COLUMNS: Column[] = [
  { label: "Day" },
  { label: "Impressions", num: true },
  { label: "Continue", num: true },
  { label: "Checkout", num: true },
  { label: "Paid", num: true },
  { label: "Paid / impressions", num: true },
];

export default async function FunnelPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/funnel");
  const { preset, period } = resolvePeriod(await searchParams);
  const { collected, rows, days } = await funnel(db, period.start, period.end);
  return (
    <>
      <h1>The ask’s funnel</h1>
      <PeriodNav path="/dashboard/funnel" preset={preset} />
      {!collected ? (
        <p>
          Not collected yet: the ask has not counted any impressions. Numbers appear here once the
          ask is shown to readers.
        </p>
      ) : (
        <DataTable
          caption={
            <>
              Impressions to payments per surface and variant, {day(period.start)} to{" "}
              {day(period.end)}
            </>
          }
          columns={COLUMNS}
          empty={rows.length === 0 && "No activity in this period."}
        >
          {rows.map((r) => (
            <tr key={`${r.surface}:${r.variant}`}>
              <td>{r.surface}</td>
              <td>{r.variant}</td>
              <td className="num">{r.impressions}</td>
              <td className="num">
                {r.continues} ({percent(rate(r.continues, r.impressions))})
              </td>
              <td className="num">{r.checkouts}</td>
              <td className="num">{r.completions}</td>
              <td className="num">{percent(rate(r.completions, r.impressions))}</td>
              <td className="num">{r.remindLaters}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {collected && days.size > 0 && (
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading">Day by day</h2>
          <p className="fineprint">
            Each step is counted where it happens: the ask shown in a browser (with or without
            JavaScript), Continue and Checkout when our server receives them, Paid when Stripe
            confirms. Crawlers and scripts are counted at no step.
          </p>
          {[...days].map(([surface, trend]) => (
            <section key={surface} aria-labelledby={`trend-${surface}`}>
              <h3 id={`trend-${surface}`}>{surface}</h3>
              <DataTable caption={<>{surface}: each day, newest first</>} columns={DAY_COLUMNS}>
                {trend.map((d) => (
                  <tr key={d.day}>
                    <td>{day(new Date(`${d.day}T00:00:00Z`))}</td>
                    <td className="num">{d.impressions}</td>
                    <td className="num">{d.continues}</td>
                    <td className="num">{d.checkouts}</td>
                    <td className="num">{d.completions}</td>
                    <td className="num">{percent(rate(d.completions, d.impressions))}</td>
                  </tr>
                ))}
              </DataTable>
            </section>
          ))}
        </section>
      )}
    </>
  );
}
