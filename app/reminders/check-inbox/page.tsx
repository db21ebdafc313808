import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/magic-link";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your inbox" };
export const dynamic = "force-dynamic";

/** Where "remind me later" without JavaScript lands when a confirmation mail went out. */
export default async function CheckInboxPage({
  searchParams,
}: {
  searchParams: Promise<{ back?: string | string[] }>;
}) {
  const { back } = await searchParams;
  const returnTo = safeCallbackPath(typeof back === "string" ? back : null, env().APP_URL, "/");
  return (
    <section className="ask">
      <h1>Check your inbox to confirm</h1>
      <p role="status">
        Thanks — we will ask again later. We sent a confirmation link to the address you gave: the
        reminder email is sent only once you click it (within 48 hours).
      </p>
      <p>
        <a href={returnTo}>Back to where you were</a>
      </p>
    </section>
  );
}
