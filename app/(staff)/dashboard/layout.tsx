import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { requireStaff } from "@/lib/auth/require";

// The layout only draws the staff navigation; every page and route checks the role itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  return (
    <div className="dashboard">
      <nav aria-label="Dashboard" className="dash-nav">
        <Link href="/dashboard">Overview</Link>
        <Link href="/dashboard/supporters">Supporters</Link>
        <Link href="/dashboard/payments">Payments</Link>
        <Link href="/dashboard/funnel">Ask funnel</Link>
        <Link href="/dashboard/ask">The ask</Link>
        {user.role === "ADMIN" && <Link href="/dashboard/staff">Staff</Link>}
        <span className="dash-user">
          {user.email} · <SignOutButton className="inline-link" />
        </span>
      </nav>
      {children}
    </div>
  );
}
