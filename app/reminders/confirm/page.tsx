import type { Metadata } from "next";
import { db } from "@/lib/db";
import { confirmActionPath, reminderDay } from "@/lib/reminders/confirm-mail";
import { confirmationState } from "@/lib/reminders/confirmation";
import { confirmToken } from "@/lib/reminders/handle-confirm";

export const metadata: Metadata = { title: "Confirm your reminder" };
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (mail scanners open links); the button confirms. */
export default async function ConfirmReminderPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const parsed = confirmToken.safeParse(token);
  const found = parsed.success
    ? await confirmationState(db, parsed.data, new Date())
    : ({ state: "unknown" } as const);
  return (
    <section className="ask">
      <h1>Reminder email</h1>
      {found.state === "pending" && (
        <form method="post" action={confirmActionPath(parsed.data!)}>
          <p>
            Send one reminder email about supporting us to your address on{" "}
            {reminderDay(found.dueAt)}?
          </p>
          <button type="submit" className="continue">
            Yes, send the reminder
          </button>
          <p className="fineprint">Not you? Close this page; nothing is sent unless you click.</p>
        </form>
      )}
      {found.state === "confirmed" && (
        <p role="status">
          Confirmed. We will send you one reminder email on {reminderDay(found.dueAt)}. It has a
          one-click unsubscribe link.
        </p>
      )}
      {found.state === "expired" && (
        <p role="status">This link has expired. Ask for a reminder again under any article.</p>
      )}
      {found.state === "unknown" && (
        <p role="status">
          This confirmation link is not valid. Copy the whole link from the mail, or ask for a
          reminder again.
        </p>
      )}
    </section>
  );
}
