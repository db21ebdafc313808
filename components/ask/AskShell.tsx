"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

type RemindedLater = { until: string; reminder: boolean; confirm: boolean };
const RemindLaterContext = createContext<(done: RemindedLater) => void>(() => undefined);

export const checkoutFormId = (surface: string) => `ask-form-${surface}`;

export function useOnRemindedLater() {
  return useContext(RemindLaterContext);
}

function formatDay(iso: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

/**
 * Holds the ask; once the reader chooses "remind me later" (with JavaScript), replaces it with a short
 * confirmation.
 */
export function AskShell({ children }: { children: ReactNode }) {
  const [remindedLater, setRemindedLater] = useState<RemindedLater | null>(null);
  if (remindedLater) {
    return (
      <section className="ask ask-reminded-later" aria-labelledby="reminded-later-heading">
        <h2 id="reminded-later-heading">
          Thanks — we will ask again on {formatDay(remindedLater.until)}.
        </h2>
        {remindedLater.reminder &&
          (remindedLater.confirm ? (
            <p>
              Check your inbox to confirm the reminder: we send it only once you click the link in
              that email.
            </p>
          ) : (
            <p>
              We will send you one reminder email that day. Every email has a one-click unsubscribe
              link.
            </p>
          ))}
      </section>
    );
  }
  return (
    <RemindLaterContext.Provider value={setRemindedLater}>{children}</RemindLaterContext.Provider>
  );
}
