/** The page a confirmation mail links to: opening it changes nothing, its button confirms (mail scanners open links). */
export function confirmPageUrl(appUrl: string, token: string): string {
  return `${new URL("/reminders/confirm", appUrl).toString()}?token=${encodeURIComponent(token)}`;
}

/** Where the confirmation page's button posts. */
export function confirmActionPath(token: string): string {
  return `/api/reminders/confirm?token=${encodeURIComponent(token)}`;
}

export const reminderDay = (at: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(at);

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** "Did you ask for a reminder?" — sent once per request (limited per address and client); nothing else until confirmed. */
export function confirmationMail(input: {
  to: string;
  publication: string;
  appUrl: string;
  token: string;
  dueAt: Date;
}) {
  const link = confirmPageUrl(input.appUrl, input.token);
  const day = reminderDay(input.dueAt);
  const subject = `Confirm your reminder from ${input.publication}`;
  const text = [
    `Someone (hopefully you) asked ${input.publication} to send one reminder email about supporting our journalism to ${input.to} on ${day}.`,
    "",
    `To get it, confirm here within 48 hours:`,
    link,
    "",
    "If you did not ask for this, ignore this mail: without your click we send nothing.",
  ].join("\n");
  const html = `<p>Someone (hopefully you) asked ${escape(input.publication)} to send one reminder email about supporting our journalism to ${escape(input.to)} on ${escape(day)}.</p>
<p><a href="${escape(link)}">Confirm the reminder</a> (within 48 hours).</p>
<p>If you did not ask for this, ignore this mail: without your click we send nothing.</p>`;
  return { to: input.to, subject, text, html };
}
