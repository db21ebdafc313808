"use client";

import { useState, type FormEvent } from "react";
import {
  CURRENCIES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  amountRules,
  checkAmount,
  formatMoney,
  parseMajorAmount,
  type Currency,
  type Frequency,
} from "@/lib/ask/amounts";
import { CAPTCHA_MESSAGES } from "@/lib/captcha/messages";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";
import type { FieldErrors } from "@/lib/checkout/checkout-request";
import type { Attribution, CaptchaProblem } from "@/lib/ask/page-state";
import { checkoutFormId } from "../ask/AskShell";
import { sendAskEvent } from "../ask/beacon";
import { CaptchaWidget } from "../captcha/CaptchaWidget";

type Props = {
  frequency: Frequency;
  currency: Currency;
  amount: string;
  otherAmount: string;
  errors: FieldErrors;
  surface: string;
  variant: string;
  /** The CAPTCHA widget to draw above Continue, when one is enabled. */
  captcha: CaptchaWidgetConfig | null;
  captchaProblem: CaptchaProblem;
  /** The ask this checkout counts for, when the reader came here from another one (it saw their Continue). */
  cameFrom: Attribution | null;
};

const PER: Record<Frequency, string> = { ONCE: "", MONTHLY: "/month", ANNUAL: "/year" };

/**
 * A plain form that posts to /api/checkout and works without JavaScript; with it, presets follow the chosen
 * frequency and currency, and the amount is checked before leaving the page.
 */
export function SupportForm(props: Props) {
  const [frequency, setFrequency] = useState(props.frequency);
  const [currency, setCurrency] = useState(props.currency);
  const [amount, setAmount] = useState(props.amount);
  const [otherAmount, setOtherAmount] = useState(props.otherAmount);
  const [error, setError] = useState(
    props.errors.amount ?? props.errors.frequency ?? props.errors.currency ?? null,
  );
  const [captchaError, setCaptchaError] = useState<string | null>(
    props.captchaProblem ? CAPTCHA_MESSAGES[props.captchaProblem] : null,
  );
  const rules = amountRules(currency, frequency);

  function choosePresetsFor(nextCurrency: Currency, nextFrequency: Frequency) {
    if (amount !== "other")
      setAmount(String(amountRules(nextCurrency, nextFrequency).defaultAmount));
    setError(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const minor = amount === "other" ? parseMajorAmount(otherAmount) : Number(amount);
    const problem =
      minor === null
        ? "Enter an amount in numbers, for example 15 or 15.50."
        : checkAmount(minor, currency, frequency);
    if (problem) {
      event.preventDefault();
      setError(problem);
      document.getElementById(otherId)?.focus();
      return;
    }
    // The widget puts its token in the form once solved; without it the server would only send the reader back.
    if (props.captcha && !new FormData(event.currentTarget).get(props.captcha.field)) {
      event.preventDefault();
      setCaptchaError(CAPTCHA_MESSAGES.unsolved);
      return;
    }
    setCaptchaError(null);
    if (!props.cameFrom) sendAskEvent("continue", props.surface, props.variant);
  }

  // Ids are per surface: a page may hold more than one ask.
  const otherId = `other-amount-${props.surface}`;
  const errorId = error ? `amount-error-${props.surface}` : undefined;
  return (
    <form
      id={checkoutFormId(props.surface)}
      method="post"
      action="/api/checkout"
      onSubmit={onSubmit}
      noValidate
    >
      <input type="hidden" name="surface" value={props.cameFrom?.surface ?? props.surface} />
      <input type="hidden" name="variant" value={props.cameFrom?.variant ?? props.variant} />
      <fieldset>
        <legend>How often would you like to give?</legend>
        <div className="choices frequency">
          {FREQUENCIES.map((f) => (
            <label key={f} className="choice">
              <input
                type="radio"
                name="frequency"
                value={f}
                checked={frequency === f}
                onChange={() => {
                  setFrequency(f);
                  choosePresetsFor(currency, f);
                }}
              />
              <span>{FREQUENCY_LABELS[f]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="currency">
        <label htmlFor={`currency-${props.surface}`}>Currency</label>
        <select
          id={`currency-${props.surface}`}
          name="currency"
          value={currency}
          onChange={(e) => {
            const next = e.target.value as Currency;
            setCurrency(next);
            choosePresetsFor(next, frequency);
          }}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>

      <fieldset aria-describedby={errorId}>
        <legend>Choose an amount</legend>
        <div className="choices amounts">
          {rules.presets.map((preset) => (
            <label key={preset} className="choice">
              <input
                type="radio"
                name="amount"
                value={String(preset)}
                checked={amount === String(preset)}
                onChange={() => {
                  setAmount(String(preset));
                  setOtherAmount("");
                  setError(null);
                }}
              />
              <span>
                {formatMoney(preset, currency)}
                {PER[frequency]}
              </span>
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name="amount"
              value="other"
              checked={amount === "other"}
              onChange={() => setAmount("other")}
            />
            <span>Other</span>
          </label>
        </div>
        <div className="other">
          <label htmlFor={otherId}>Other amount ({currency})</label>
          <input
            id={otherId}
            name="otherAmount"
            inputMode="decimal"
            autoComplete="off"
            value={otherAmount}
            aria-invalid={error ? true : undefined}
            aria-describedby={errorId}
            onChange={(e) => {
              setOtherAmount(e.target.value);
              setAmount("other");
              setError(null);
            }}
          />
        </div>
        <p className="fineprint">
          {FREQUENCY_LABELS[frequency]} gifts: {formatMoney(rules.min, currency)} to{" "}
          {formatMoney(rules.max, currency)}.
        </p>
        {error && (
          <p className="error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </fieldset>

      {props.captcha && (
        <CaptchaWidget
          captcha={props.captcha}
          error={captchaError}
          errorId={`captcha-error-${props.surface}`}
        />
      )}

      <button type="submit" className="continue">
        Continue
      </button>
    </form>
  );
}
