import type { Metadata } from "next";

export const metadata: Metadata = { title: "Unsubscribe from reminders" };
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (mail scanners open links); the button does. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; done?: string }>;
}) {
  const { token = "", done } = await searchParams;
  return (
    <section className="ask">
      <h1>Reminder emails</h1>
      {done ? (
        <p role="status">You are unsubscribed. We will not send you reminder emails again.</p>
      ) : (
        <form
          method="post"
          action={`/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`}
        >
          <p>Stop all reminder emails to your address?</p>
          <button type="submit" className="continue">
            Unsubscribe
          </button>
        </form>
      )}
    </section>
  );
}
