import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { type Column, DataTable } from "@/components/DataTable";
import { CUSTOMER_MISSING_MESSAGE } from "@/lib/account/portal";
import { loadAccount, membershipState, type AccountMembership } from "@/lib/account/load-account";
import { requireReader } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/ask/amounts";
import { MEMBERSHIP_STATE_LABELS, PAYMENT_STATUS_LABELS } from "@/lib/rules/labels";
import { openPortal } from "./actions";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

const date = (d: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(d);
// In the gifts table, so it fits a phone: "Dec 1, 2026".
const shortDate = (d: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(d);
const PER = { MONTH: "month", YEAR: "year" } as const;

const GIFT_COLUMNS: Column[] = [
  { label: "Date" },
  { label: "Gift" },
  { label: "Amount", num: true },
  { label: "Status" },
  { label: "Receipt" },
];

const ERRORS: Record<string, string> = {
  not_found: "That membership is not on your account.",
  upstream_unavailable: "We could not reach our payment provider. Please try again in a minute.",
  customer_missing: CUSTOMER_MISSING_MESSAGE,
};

function MembershipCard({ m }: { m: AccountMembership }) {
  const state = membershipState(m);
  const headingId = `membership-${m.id}`;
  return (
    <section className="block card-like" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {formatMoney(m.amount, m.currency)} per {PER[m.interval]}
      </h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`badge ${state === "active" ? "ok" : state === "ended" ? "" : "warn"}`}>
            {MEMBERSHIP_STATE_LABELS[state]}
          </span>
        </dd>
        <dt>Member since</dt>
        <dd>{date(m.startedAt)}</dd>
        {state === "active" && m.currentPeriodEnd && (
          <>
            <dt>Next payment</dt>
            <dd>
              {formatMoney(m.amount, m.currency)} on {date(m.currentPeriodEnd)}
            </dd>
          </>
        )}
        {state === "cancelling" && m.currentPeriodEnd && (
          <>
            <dt>Ends on</dt>
            <dd>{date(m.currentPeriodEnd)} (no further payments)</dd>
          </>
        )}
        {state === "ended" && m.endedAt && (
          <>
            <dt>Ended on</dt>
            <dd>{date(m.endedAt)}</dd>
          </>
        )}
      </dl>
      {(state === "unpaid" || state === "paused") && (
        <p>
          <a href="/support">Renew your membership</a>
        </p>
      )}
      {state !== "ended" && (
        <form action={openPortal}>
          <input type="hidden" name="membershipId" value={m.id} />
          <button className="button" type="submit" aria-describedby={headingId}>
            Manage membership
          </button>
          <p className="fineprint">
            Cancel, update your card or see your invoices on our payment provider’s secure page.
          </p>
        </form>
      )}
    </section>
  );
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireReader("/account");
  const { memberships, payments } = await loadAccount(db, user.id);
  const params = await searchParams;
  const error =
    typeof params.error === "string" && Object.hasOwn(ERRORS, params.error)
      ? ERRORS[params.error]!
      : null;
  return (
    <div className="panel">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user.email}</strong>. <SignOutButton className="inline-link" />
      </p>
      {user.role !== "READER" && (
        <p>
          <a href="/dashboard">Go to the staff dashboard</a>
        </p>
      )}
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}

      <h2>Membership</h2>
      {memberships.length === 0 && (
        <p>
          You have no membership. <a href="/support">Become a member</a>.
        </p>
      )}
      {memberships.map((m) => (
        <MembershipCard key={m.id} m={m} />
      ))}

      <h2>Your gifts</h2>
      {payments.length === 0 ? (
        <p>No gifts under this address yet.</p>
      ) : (
        <DataTable caption="Your gifts, newest first" columns={GIFT_COLUMNS}>
          {payments.map((p) => (
            <tr key={p.id}>
              <td>{shortDate(p.paidAt ?? p.createdAt)}</td>
              <td>
                {p.kind === "ONE_TIME"
                  ? "One-time gift"
                  : `${p.membership?.interval === "YEAR" ? "Annual" : "Monthly"} membership`}
              </td>
              <td className="num">
                {formatMoney(p.amount, p.currency)}
                {p.amountRefunded > 0 && p.status === "PARTIALLY_REFUNDED"
                  ? ` (${formatMoney(p.amountRefunded, p.currency)} refunded)`
                  : ""}
              </td>
              <td>{PAYMENT_STATUS_LABELS[p.status]}</td>
              <td>
                {p.receiptUrl ? (
                  <a
                    href={p.receiptUrl}
                    aria-label={`Receipt for ${formatMoney(p.amount, p.currency)} on ${date(p.paidAt ?? p.createdAt)}`}
                  >
                    Receipt
                  </a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
