import type { Metadata } from "next";
import { FilterError } from "@/components/dashboard/FilterError";
import { day, money } from "@/components/dashboard/format";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Pager } from "@/components/dashboard/Pager";
import { Select } from "@/components/dashboard/Select";
import { type Column, DataTable } from "@/components/DataTable";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { supporterFilters, type SupporterFilters } from "@/lib/dashboard/filters";
import { filtersOrError } from "@/lib/dashboard/safe-parse";
import { ListTotals } from "@/components/dashboard/ListTotals";
import { listSupporters, supporterTotals } from "@/lib/dashboard/supporters";

export const metadata: Metadata = { title: "Supporters" };
export const dynamic = "force-dynamic";

const COLUMNS: Column[] = [
  { label: "Supporter" },
  { label: "First seen" },
  { label: "Membership" },
  { label: "Gifts", num: true },
];

export default async function SupportersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/supporters");
  const parsed = filtersOrError(supporterFilters, await searchParams, {
    q: "Email or name",
    from: "First seen from",
    status: "Membership",
  });
  const v = parsed.values;
  return (
    <>
      <h1>Supporters</h1>
      {parsed.error && <FilterError message={parsed.error} />}
      <FilterForm
        label="Filter supporters"
        searchLabel="Email or name"
        fromLabel="First seen from"
        exportPath="/api/staff/export/supporters"
        filters={v}
        exportable={parsed.ok}
      >
        <Select
          name="frequency"
          label="Gives"
          value={v.frequency}
          options={[
            ["once", "Once"],
            ["monthly", "Monthly"],
            ["annual", "Annually"],
          ]}
        />
        <Select
          name="status"
          label="Membership"
          value={v.status}
          options={[
            ["active", "Active"],
            ["cancelling", "Cancelling"],
            ["ended", "Ended or lapsed"],
            ["none", "No membership"],
          ]}
        />
      </FilterForm>
      {parsed.ok ? (
        <SupportersList filters={parsed.filters} />
      ) : (
        <p className="notice">No supporters are listed until the filters above are fixed.</p>
      )}
    </>
  );
}

async function SupportersList({ filters: f }: { filters: SupporterFilters }) {
  const [{ rows, next }, totals] = await Promise.all([
    listSupporters(db, f),
    supporterTotals(db, f),
  ]);
  return (
    <>
      <ListTotals
        totals={totals}
        noun={{ one: "supporter", many: "supporters" }}
        testId="supporters-totals"
      />
      <DataTable
        testId="supporters"
        caption="Supporters matching the filters"
        columns={COLUMNS}
        empty={rows.length === 0 && "No supporters match these filters."}
      >
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
      </DataTable>
      <Pager path="/dashboard/supporters" filters={f} next={next} />
    </>
  );
}
