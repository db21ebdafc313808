"use client";

import type { ReactElement } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { minorUnitDigits } from "@/lib/rules/money";

type Revenue = { month: string; currency: string; net: number };
type Members = { month: string; monthly: number; annual: number };
/** The chart's months in order, with their axis labels; a partial one (cut by the period) is drawn apart. */
type Month = { month: string; label: string; partial: boolean };

const PARTIAL_FILL = "#8fb3da";

const major = (minor: number, currency: string) =>
  Math.round(minor) / 10 ** minorUnitDigits(currency);
// The right margin leaves room for the last month's label, centred on the chart's edge.
const MARGIN = { top: 8, right: 26, bottom: 0, left: 0 };

// Axis labels that fit a phone: "Mar 26" for 2026-03 and "$12K" on the value axis, with ticks dropped (never
// drawn over each other) when the months do not fit; the image's label and the tooltip keep the full values.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthTick = (month: string) => {
  const [year, m] = month.split("-");
  const name = MONTHS[Number(m) - 1];
  return name && year ? `${name} ${year.slice(-2)}` : month;
};
/** The month axis; a month the period cuts (to date, or from part-way) is starred, as the figure's note says. */
const xAxis = (months: Month[]) =>
  ({
    dataKey: "month",
    tick: { fontSize: 12 },
    tickFormatter: (month: string) =>
      `${monthTick(month)}${months.find((m) => m.month === month)?.partial ? "*" : ""}`,
    interval: "preserveStartEnd",
    minTickGap: 12,
  }) as const;

/** A chart's figure: its heading, and the chart as an image whose label reads out every value. */
function ChartFigure({
  label,
  title,
  description,
  partial,
  children,
}: {
  label: string;
  title: string;
  description: string;
  /** Whether a month the period cuts is drawn (its tick starred, explained under the chart). */
  partial: boolean;
  children: ReactElement;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <h3>{title}</h3>
      <div role="img" aria-label={description} style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      {partial && (
        <figcaption className="fineprint">
          * A month the period cuts: counted to date, or from the period&rsquo;s first day.
        </figcaption>
      )}
    </figure>
  );
}

export function RevenueChart({
  data,
  currency,
  months,
}: {
  data: Revenue[];
  currency: string;
  months: Month[];
}) {
  // Keyed by "2026-03" (the axis shows "Mar 26"); the full label, partial months said so, in the image's label
  // and the tooltip.
  const rows = months.map(({ month, label, partial }) => ({
    month,
    label,
    partial,
    net: major(data.find((d) => d.month === month && d.currency === currency)?.net ?? 0, currency),
  }));
  const fullLabel = (month: unknown) => rows.find((r) => r.month === month)?.label ?? String(month);
  const format = (v: number) =>
    new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 }).format(
      v,
    );
  const compact = (v: number) =>
    new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      notation: "compact",
      maximumFractionDigits: 1,
    }).format(v);
  return (
    <ChartFigure
      label={`Net revenue by month in ${currency}`}
      title={`Net revenue by month · ${currency}`}
      partial={months.some((m) => m.partial)}
      description={`Bar chart of net revenue in ${currency}, ${rows.map((r) => `${r.label}: ${format(r.net)}`).join("; ")}`}
    >
      <BarChart data={rows} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis {...xAxis(months)} />
        <YAxis tickFormatter={compact} tick={{ fontSize: 12 }} width={56} />
        <Tooltip formatter={(v) => format(Number(v))} labelFormatter={fullLabel} />
        <Bar dataKey="net" name="Net revenue" fill="#0b5cad" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell
              key={r.month}
              fill={r.partial ? PARTIAL_FILL : "#0b5cad"}
              stroke={r.partial ? "#0b5cad" : undefined}
              strokeDasharray={r.partial ? "4 2" : undefined}
            />
          ))}
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}

const MEMBER_LINES = [
  ["monthly", "Monthly", "#0b5cad"],
  ["annual", "Annual", "#b35900"],
] as const;

export function MembersChart({ data, months }: { data: Members[]; months: Month[] }) {
  const label = (month: unknown) => months.find((m) => m.month === month)?.label ?? String(month);
  return (
    <ChartFigure
      label="Members at the end of each month"
      title="Members at month end"
      partial={months.some((m) => m.partial)}
      description={`Line chart of members: ${data.map((d) => `${label(d.month)}: ${d.monthly} monthly, ${d.annual} annual`).join("; ")}`}
    >
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis {...xAxis(months)} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={44} />
        <Tooltip labelFormatter={label} />
        <Legend />
        {MEMBER_LINES.map(([dataKey, name, stroke]) => (
          <Line
            key={dataKey}
            type="monotone"
            dataKey={dataKey}
            name={name}
            stroke={stroke}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFigure>
  );
}
