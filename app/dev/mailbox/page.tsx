import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailboxVisible } from "@/lib/mail/mailbox-access";
import "../../accounts.css";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

const URL_IN_TEXT = /(https?:\/\/[^\s]+)/g;

/** Captured mail (demo mode without EMAIL_SERVER): where a newcomer finds their sign-in link, on their own machine. */
export default async function MailboxPage() {
  const config = env();
  if (
    !mailboxVisible(config, new Request(config.APP_URL, { headers: new Headers(await headers()) }))
  )
    notFound();
  const mails = await db.capturedMail.findMany({ orderBy: { createdAt: "desc" }, take: 30 });
  return (
    <div className="panel">
      <h1>Development mailbox</h1>
      <p>Demo mode: no mail leaves this machine. The 30 newest messages are shown here.</p>
      {mails.length === 0 && <p>No mail yet.</p>}
      {mails.map((mail) => (
        <article key={mail.id} className="mail" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p className="fineprint">
            To {mail.to} · {mail.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
          </p>
          <p className="mail-body">
            {mail.text.split(URL_IN_TEXT).map((part, i) =>
              i % 2 === 1 ? (
                <a key={i} href={part}>
                  {part}
                </a>
              ) : (
                part
              ),
            )}
          </p>
        </article>
      ))}
    </div>
  );
}
