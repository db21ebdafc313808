import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { day, moment, money } from "@/components/dashboard/format";
import { requireStaff } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { supporterTimeline } from "@/lib/dashboard/supporters";

export const metadata: Metadata = { title: "Supporter" };
export const dynamic = "force-dynamic";

export default async function SupporterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Only an id of ours goes anywhere (encodeURIComponent throws on a lone surrogate: a 500 for a 404).
  const valid = /^[A-Za-z0-9_-]{1,64}$/.test(id);
  await requireStaff(valid ? `/dashboard/supporters/${id}` : "/dashboard/supporters");
  const found = valid ? await supporterTimeline(db, id) : null;
  if (!found) notFound();
  const { supporter, entries } = found;
  return (
    <>
      <p>
        <Link href="/dashboard/supporters">← Supporters</Link>
      </p>
      <h1>{supporter.name ?? supporter.email ?? "Supporter"}</h1>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{supporter.email ?? "—"}</dd>
        <dt>First seen</dt>
        <dd>{day(supporter.createdAt)}</dd>
        <dt>Role</dt>
        <dd>{supporter.role.toLowerCase()}</dd>
        <dt>Stripe customers</dt>
        <dd>{supporter.customers.map((c) => c.id).join(", ") || "—"}</dd>
      </dl>
      <h2>Memberships</h2>
      {supporter.memberships.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {supporter.memberships.map((m) => (
            <li key={m.id}>
              {money(m.amount, m.currency)} per {m.interval === "MONTH" ? "month" : "year"} ·{" "}
              {m.status.toLowerCase().replace("_", " ")}
              {m.cancelAtPeriodEnd && !m.endedAt ? " · cancels at period end" : ""}
              {m.currentPeriodEnd && !m.endedAt ? ` · period ends ${day(m.currentPeriodEnd)}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>Timeline</h2>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e, i) => {
          const [amount, currency] = e.detail?.split("|") ?? [];
          return (
            <li key={i}>
              <time dateTime={e.at.toISOString()}>{moment(e.at)}</time>
              <span>{e.text}</span>
              <span className="num">
                {amount && currency ? money(Number(amount), currency) : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
