import type { Metadata } from "next";
import { type Column, DataTable } from "@/components/DataTable";
import { requireAdmin } from "@/lib/auth/require";
import { listStaff, readerEmail } from "@/lib/auth/staff-members";
import { invitedNotice, staffError } from "@/lib/auth/staff-notices";
import { db } from "@/lib/db";
import { inviteStaff, removeStaff } from "./actions";

export const metadata: Metadata = { title: "Staff" };
export const dynamic = "force-dynamic";

const COLUMNS: Column[] = [
  { label: "Email" },
  { label: "Role" },
  { label: <span className="visually-hidden">Actions</span> },
];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
// Our ids only (uuids): anything else in the query is ignored, never sent to the database.
const supporterId = (v: string | string[] | undefined) => {
  const id = one(v);
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
};

export default async function StaffPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin("/dashboard/staff");
  const params = await searchParams;
  const staff = await listStaff(db);
  const error = staffError(params.error);
  const removeId = supporterId(params.remove);
  const toRemove = removeId
    ? staff.find((s) => s.id === removeId && s.role === "STAFF")
    : undefined;
  if (toRemove && toRemove.id !== admin.id)
    return <ConfirmRemoval id={toRemove.id} email={toRemove.email ?? "(no email)"} />;

  // Only addresses and ids that really are (or were just) staff are named, so the query cannot put words on the page.
  const invited = invitedNotice(
    staff.find((s) => s.email === one(params.added)),
    one(params.already),
  );
  const removedId = supporterId(params.removed);
  const removed = removedId ? await readerEmail(db, removedId) : null;
  return (
    <>
      <h1>Staff</h1>
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}
      {invited && (
        <p className="notice" role="status">
          {invited}
        </p>
      )}
      {removed && (
        <p className="notice" role="status">
          {removed} is no longer staff and has been signed out of the dashboard.
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
                // A plain GET to the confirmation step: works without JavaScript, and nothing changes yet.
                <form method="get" action="/dashboard/staff">
                  <input type="hidden" name="remove" value={s.id} />
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

function ConfirmRemoval({ id, email }: { id: string; email: string }) {
  return (
    <>
      <h1>Remove {email} from staff?</h1>
      <section className="confirm-step" aria-labelledby="confirm-removal">
        <p id="confirm-removal">
          {email} will lose access to the dashboard and be signed out everywhere. Their gifts and
          membership stay as they are; you can add them again later.
        </p>
        <form action={removeStaff} className="actions">
          <input type="hidden" name="supporterId" value={id} />
          <input type="hidden" name="confirmed" value="yes" />
          <button className="button danger" type="submit">
            Yes, remove {email}
          </button>
          <a className="button secondary" href="/dashboard/staff">
            Cancel
          </a>
        </form>
      </section>
    </>
  );
}
