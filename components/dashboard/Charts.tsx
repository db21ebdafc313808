"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

type Revenue = { month: string; currency: string; net: number };
type Members = { month: string; monthly: number; annual: number };

const major = (minor: number) => Math.round(minor) / 100;

export function RevenueChart({ data, currency }: { data: Revenue[]; currency: string }) {
  const months = [...new Set(data.map((d) => d.month))].sort();
  const rows = months.map((month) => ({
    month,
    net: major(data.find((d) => d.month === month && d.currency === currency)?.net ?? 0),
  }));
  const format = (v: number) =>
    new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 }).format(
      v,
    );
  return (
    <figure className="chart" aria-label={`Net revenue by month in ${currency}`}>
      <h3>Net revenue by month · {currency}</h3>
      <div
        role="img"
        aria-label={`Bar chart of net revenue in ${currency}, ${rows.map((r) => `${r.month}: ${format(r.net)}`).join("; ")}`}
        style={{ width: "100%", height: 240 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={format} tick={{ fontSize: 12 }} width={70} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Bar dataKey="net" name="Net revenue" fill="#0b5cad" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function MembersChart({ data }: { data: Members[] }) {
  return (
    <figure className="chart" aria-label="Members at the end of each month">
      <h3>Members at month end</h3>
      <div
        role="img"
        aria-label={`Line chart of members: ${data.map((d) => `${d.month}: ${d.monthly} monthly, ${d.annual} annual`).join("; ")}`}
        style={{ width: "100%", height: 240 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={50} />
            <Tooltip />
            <Legend />
            <Line
              type="monotone"
              dataKey="monthly"
              name="Monthly"
              stroke="#0b5cad"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="annual"
              name="Annual"
              stroke="#b35900"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
