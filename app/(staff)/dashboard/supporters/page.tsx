import type { Metadata } from "next";
import { FilterError } from "@/components/dashboard/FilterError";
import { day, money } from "@/components/dashboard/format";
import { DateInput, Select } from "@/components/dashboard/Select";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { filterQuery, supporterFilters } from "@/lib/dashboard/filters";
import { filtersOrError } from "@/lib/dashboard/safe-parse";
import { listSupporters } from "@/lib/dashboard/supporters";
import { CURRENCIES } from "@/lib/rules/currencies";

export const metadata: Metadata = { title: "Supporters" };
export const dynamic = "force-dynamic";

export default async function SupportersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/supporters");
  const { filters: f, error } = filtersOrError(supporterFilters, await searchParams);
  const { rows, next } = await listSupporters(db, f);
  return (
    <>
      <h1>Supporters</h1>
      {error && <FilterError message={error} />}
      <form className="filters" method="get" role="search" aria-label="Filter supporters">
        <div>
          <label htmlFor="f-q">Email or name</label>
          <input id="f-q" name="q" type="search" defaultValue={f.q ?? ""} />
        </div>
        <Select
          name="frequency"
          label="Gives"
          value={f.frequency}
          options={[
            ["once", "Once"],
            ["monthly", "Monthly"],
            ["annual", "Annually"],
          ]}
        />
        <Select
          name="status"
          label="Membership"
          value={f.status}
          options={[
            ["active", "Active"],
            ["cancelling", "Cancelling"],
            ["ended", "Ended or lapsed"],
            ["none", "No membership"],
          ]}
        />
        <Select
          name="currency"
          label="Currency"
          value={f.currency}
          options={CURRENCIES.map((c) => [c, c])}
        />
        <DateInput name="from" label="First seen from" value={f.from} />
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
        <a href={`/api/staff/export/supporters${filterQuery(f)}`} download>
          Download CSV
        </a>
      </form>
      <div className="table-wrap">
        <table className="data" data-testid="supporters">
          <caption className="visually-hidden">Supporters matching the filters</caption>
          <thead>
            <tr>
              <th scope="col">Supporter</th>
              <th scope="col">First seen</th>
              <th scope="col">Membership</th>
              <th scope="col" className="num">
                Gifts
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4}>No supporters match these filters.</td>
              </tr>
            )}
            {rows.map((s) => {
              const m = s.memberships[0];
              return (
                <tr key={s.id}>
                  <td>
                    <a href={`/dashboard/supporters/${s.id}`}>{s.email ?? "(no email)"}</a>
                    {s.name && (
                      <>
                        <br />
                        <span className="fineprint">{s.name}</span>
                      </>
                    )}
                  </td>
                  <td>{day(s.createdAt)}</td>
                  <td>
                    {m
                      ? `${money(m.amount, m.currency)}/${m.interval === "MONTH" ? "month" : "year"} · ${m.status === "CANCELED" ? "ended" : m.cancelAtPeriodEnd ? "cancelling" : m.status.toLowerCase().replace("_", " ")}`
                      : "—"}
                  </td>
                  <td className="num">{s._count.payments}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        {f.after && <a href={`/dashboard/supporters${filterQuery(f)}`}>First page</a>}
        {next && <a href={`/dashboard/supporters${filterQuery(f, { after: next })}`}>Next page</a>}
      </nav>
    </>
  );
}
