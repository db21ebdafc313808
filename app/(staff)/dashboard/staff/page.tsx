import type { Metadata } from "next";
import { type Column, DataTable } from "@/components/DataTable";
import { requireAdmin } from "@/lib/auth/require";
import { listStaff } from "@/lib/auth/staff-members";
import { staffError } from "@/lib/auth/staff-notices";
import { db } from "@/lib/db";
import { inviteStaff, removeStaff } from "./actions";

export const metadata: Metadata = { title: "Staff" };
export const dynamic = "force-dynamic";

const COLUMNS: Column[] = [
  { label: "Email" },
  { label: "Role" },
  { label: <span className="visually-hidden">Actions</span> },
];

export default async function StaffPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin("/dashboard/staff");
  const params = await searchParams;
  const staff = await listStaff(db);
  const error = staffError(params.error);
  // Only an address that really is on the staff list is named, so the query cannot put words on the page.
  const added = staff.find((s) => s.email === params.added)?.email ?? null;
  return (
    <>
      <h1>Staff</h1>
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="notice" role="status">
          {added} can now sign in to the dashboard at /signin.
        </p>
      )}
      <form action={inviteStaff} className="filters">
        <div>
          <label htmlFor="invite-email">Add a staff member by email</label>
          <input id="invite-email" name="email" type="email" required />
        </div>
        <button className="button" type="submit">
          Add staff
        </button>
      </form>
      <DataTable caption="Staff and admins" columns={COLUMNS}>
        {staff.map((s) => (
          <tr key={s.id}>
            <td>{s.email}</td>
            <td>{s.role === "ADMIN" ? "Admin" : "Staff"}</td>
            <td>
              {s.role === "STAFF" && s.id !== admin.id && (
                <form action={removeStaff}>
                  <input type="hidden" name="supporterId" value={s.id} />
                  <button
                    className="button secondary"
                    type="submit"
                    aria-label={`Remove ${s.email}`}
                  >
                    Remove
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="fineprint">
        Admins come from ADMIN_EMAILS or <code>npm run admin:create -- &lt;email&gt;</code>.
      </p>
    </>
  );
}
