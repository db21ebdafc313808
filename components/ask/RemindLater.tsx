"use client";

import { useState, type FormEvent } from "react";
import { toMinor } from "@/lib/rules/money";
import { checkoutFormId, useOnRemindedLater } from "./AskShell";
import { useHydrated } from "../useHydrated";

/** The request pipeline's JSON error (lib/http/pipeline.ts). */
type ApiError = { code: string; message: string; fields?: Record<string, string> };

type Props = {
  surface: string;
  variant: string;
  returnTo: string;
  frequency: string;
  currency: string;
  amount: string;
  /** Why a no-JavaScript post came back (rate-limited, unavailable, invalid), from the page's query. */
  notice?: string | null;
  /** The newsroom's words ("Not ready to support today?", "Remind me later") and choices. */
  prompt: string;
  action: string;
  choices: { id: string; label: string }[];
  defaultChoice: string;
};

/**
 * "Not ready to support today? Remind me later." A disclosure holding a plain form; with JavaScript it posts
 * JSON (with the choice as it is now) and the ask steps aside at once. Without JavaScript its fields and button
 * belong to the ask's own form (the `form` attribute), whose "Remind me" posts it to the remind-later endpoint:
 * the choice the reader made above (frequency, currency, amount) goes with it, and the ask comes back with it.
 */
export function RemindLater({
  surface,
  variant,
  returnTo,
  frequency,
  currency,
  amount,
  notice = null,
  prompt,
  action,
  choices,
  defaultChoice,
}: Props) {
  const onRemindedLater = useOnRemindedLater();
  const hydrated = useHydrated();
  // Without JavaScript, these controls post with the ask's form (its choice included).
  const owner = hydrated ? undefined : checkoutFormId(surface);
  const [error, setError] = useState<string | null>(notice);
  const [wantsEmail, setWantsEmail] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data: Record<string, FormDataEntryValue> = Object.fromEntries(
      new FormData(event.currentTarget),
    );
    // Remind them of what they were about to give, as chosen now (the hidden fields hold the first choice).
    const ask = document.getElementById(checkoutFormId(surface));
    if (ask instanceof HTMLFormElement) {
      const chosen = new FormData(ask);
      const preset = String(chosen.get("amount") ?? "");
      data.frequency = String(chosen.get("frequency") ?? data.frequency);
      data.currency = String(chosen.get("currency") ?? data.currency);
      const typed = toMinor(String(chosen.get("otherAmount") ?? ""), data.currency);
      data.amount = /^\d+$/.test(preset)
        ? preset
        : typed !== null && typed > 0
          ? String(typed)
          : "";
    }
    const response = await fetch("/api/ask/remind-later", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(data),
    }).catch(() => null);
    if (!response) return setError("We could not save that. Please try again.");
    const body = (await response.json().catch(() => ({}))) as {
      until?: string;
      reminder?: boolean;
      confirm?: boolean;
      error?: ApiError;
    };
    if (!response.ok || !body.until)
      return setError(
        Object.values(body.error?.fields ?? {})[0] ?? body.error?.message ?? "Please try again.",
      );
    onRemindedLater({
      until: body.until,
      reminder: Boolean(body.reminder),
      confirm: Boolean(body.confirm),
    });
  }

  return (
    <details className="remind" open={notice ? true : undefined}>
      <summary>
        {prompt} <span className="remind-action">{action}</span>
      </summary>
      <form method="post" action="/api/ask/remind-later" onSubmit={onSubmit}>
        {hydrated && (
          <>
            <input type="hidden" name="surface" value={surface} />
            <input type="hidden" name="variant" value={variant} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="frequency" value={frequency} />
            <input type="hidden" name="currency" value={currency} />
            <input type="hidden" name="amount" value={/^\d+$/.test(amount) ? amount : ""} />
          </>
        )}
        <fieldset>
          <legend>When should we ask again?</legend>
          {choices.map((choice) => (
            <label key={choice.id} className="remind-choice">
              <input
                type="radio"
                name="choice"
                value={choice.id}
                form={owner}
                defaultChecked={choice.id === defaultChoice}
              />{" "}
              {choice.label}
            </label>
          ))}
        </fieldset>
        <div className="remind-email">
          <label htmlFor={`remind-email-${surface}`}>Email me a reminder (optional)</label>
          <input
            id={`remind-email-${surface}`}
            type="email"
            name="email"
            form={owner}
            autoComplete="email"
            onChange={(e) => setWantsEmail(e.target.value.length > 0)}
          />
          <label className="remind-consent">
            <input type="checkbox" name="consent" form={owner} required={wantsEmail} /> I agree to
            receive one reminder email on that date. I can unsubscribe with one click.
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="secondary"
          form={owner}
          formAction={owner ? "/api/ask/remind-later" : undefined}
          formNoValidate={owner ? true : undefined}
        >
          Remind me
        </button>
      </form>
    </details>
  );
}
