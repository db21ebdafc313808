import type { Metadata } from "next";
import { day, percent } from "@/components/dashboard/format";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { funnel, rate } from "@/lib/dashboard/funnel";
import { PRESETS, resolvePeriod, type Preset } from "@/lib/dashboard/period";

export const metadata: Metadata = { title: "Ask funnel" };
export const dynamic = "force-dynamic";

export default async function FunnelPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/funnel");
  const { preset, period } = resolvePeriod(await searchParams);
  const { collected, rows } = await funnel(db, period.start, period.end);
  return (
    <>
      <h1>The ask’s funnel</h1>
      <nav aria-label="Period" className="presets">
        {(Object.keys(PRESETS) as Preset[]).map((p) => (
          <a
            key={p}
            href={`/dashboard/funnel?period=${p}`}
            aria-current={p === preset ? "page" : undefined}
          >
            {PRESETS[p]}
          </a>
        ))}
      </nav>
      {!collected ? (
        <p>
          Not collected yet: the ask has not counted any impressions. Numbers appear here once the
          ask is shown to readers.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">
              Impressions to payments per surface and variant, {day(period.start)} to{" "}
              {day(period.end)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Surface</th>
                <th scope="col">Variant</th>
                <th scope="col" className="num">
                  Impressions
                </th>
                <th scope="col" className="num">
                  Continue
                </th>
                <th scope="col" className="num">
                  Checkout
                </th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Paid / impressions
                </th>
                <th scope="col" className="num">
                  Remind me later
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={8}>No activity in this period.</td>
                </tr>
              )}
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
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
