"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

type Deferred = { until: string; reminder: boolean; confirm: boolean };
const DeferContext = createContext<(deferred: Deferred) => void>(() => undefined);

export const checkoutFormId = (surface: string) => `ask-form-${surface}`;

export function useOnDeferred() {
  return useContext(DeferContext);
}

function formatDay(iso: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

/** Holds the ask; once the reader defers (with JavaScript), replaces it with a short confirmation. */
export function AskShell({ children }: { children: ReactNode }) {
  const [deferred, setDeferred] = useState<Deferred | null>(null);
  if (deferred) {
    return (
      <section className="ask ask-deferred" aria-labelledby="deferred-heading">
        <h2 id="deferred-heading">Thanks — we will ask again on {formatDay(deferred.until)}.</h2>
        {deferred.reminder &&
          (deferred.confirm ? (
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
  return <DeferContext.Provider value={setDeferred}>{children}</DeferContext.Provider>;
}
