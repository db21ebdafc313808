"use client";

import { useLayoutEffect, useRef, useState, type FormEvent } from "react";
import {
  CURRENCIES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  isFrequency,
  amountFieldName,
  amountNotReadMessage,
  checkAmount,
  continueLabel,
  parseMajorAmount,
  presetLabel,
  rangeLine,
  type Currency,
  type Frequency,
} from "@/lib/ask/amounts";
import { CAPTCHA_MESSAGES } from "@/lib/captcha/messages";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";
import type { FieldErrors, OfferSettings } from "@/lib/checkout/checkout-request";
import { amountSettings } from "@/lib/ask/settings";
import type { Attribution, CaptchaProblem } from "@/lib/ask/page-state";
import { checkoutFormId } from "../ask/AskShell";
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
  /** The article Checkout brings the reader back to. */
  returnTo: string;
  /** The ask's language: Checkout opens in it. */
  locale: string;
  /** What the published ask offers (currencies, amounts) and Continue's words. */
  offer: OfferSettings & { button: string; buttonOnce: string };
};

/**
 * Without JavaScript every frequency × currency has its own presets, and CSS (`:has`) shows the ones for the
 * chosen pair; each group posts under its own name (amountFieldName), so the server reads the one that was
 * showing. "Other amount" shows once "Other" is picked. With JavaScript only the chosen pair is drawn.
 */
const PANEL_CSS = [
  ".ask-form:not([data-js]) .amount-currency, .ask-form:not([data-js]) .amount-panel { display: none; }",
  ...CURRENCIES.map(
    (c) =>
      `.ask-form:has(select[name="currency"] option[value="${c}"]:checked) .amount-currency[data-currency="${c}"] { display: block; }`,
  ),
  ...FREQUENCIES.map(
    (f) =>
      `.ask-form:has(input[name="frequency"][value="${f}"]:checked) .amount-panel[data-frequency="${f}"] { display: block; }`,
  ),
].join("\n");

/**
 * A plain form that posts to /api/checkout and works without JavaScript; with it, presets follow the chosen
 * frequency and currency, Continue says what it will do, and the amount is checked before leaving the page.
 */
export function SupportForm(props: Props) {
  const { offer } = props;
  const rulesFor = (c: Currency, f: Frequency) => amountSettings(offer, c, f);
  const [frequency, setFrequency] = useState(props.frequency);
  const [currency, setCurrency] = useState(props.currency);
  const [amount, setAmount] = useState(props.amount);
  const [otherAmount, setOtherAmount] = useState(props.otherAmount);
  const [hydrated, setHydrated] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // A reader may choose before the script has run (the plain form works then): once it runs, take the choice
  // from the form as the reader left it, then draw the one chosen pair (before the browser paints).
  useLayoutEffect(() => {
    const form = formRef.current;
    if (form) {
      const data = new FormData(form);
      const f = String(data.get("frequency") ?? "");
      const c = String(data.get("currency") ?? "");
      if (isFrequency(f) && (offer.currencies as string[]).includes(c)) {
        const a = data.get(amountFieldName(f, c));
        setFrequency(f);
        setCurrency(c as Currency);
        if (typeof a === "string") setAmount(a);
        setOtherAmount(String(data.get("otherAmount") ?? ""));
      }
    }
    setHydrated(true);
    // Once, on hydration: what the reader chose before the script ran.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [error, setError] = useState(
    props.errors.amount ?? props.errors.frequency ?? props.errors.currency ?? null,
  );
  const [captchaError, setCaptchaError] = useState<string | null>(
    props.captchaProblem ? CAPTCHA_MESSAGES[props.captchaProblem] : null,
  );

  function choosePresetsFor(nextCurrency: Currency, nextFrequency: Frequency) {
    if (amount !== "other") setAmount(String(rulesFor(nextCurrency, nextFrequency).defaultAmount));
    setError(null);
  }

  const chosenMinor = amount === "other" ? parseMajorAmount(otherAmount, currency) : Number(amount);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const problem =
      amount === "other" && !otherAmount.trim()
        ? "Enter the amount you would like to give."
        : chosenMinor === null
          ? amountNotReadMessage(currency)
          : checkAmount(chosenMinor, currency, frequency, rulesFor(currency, frequency));
    if (problem) {
      event.preventDefault();
      setError(problem);
      if (amount === "other") document.getElementById(otherId)?.focus();
      return;
    }
    // The widget puts its token in the form once solved; without it the server would only send the reader back.
    if (props.captcha && !new FormData(event.currentTarget).get(props.captcha.field)) {
      event.preventDefault();
      setCaptchaError(CAPTCHA_MESSAGES.unsolved);
      return;
    }
    setCaptchaError(null);
  }

  // Ids are per surface: a page may hold more than one ask.
  const otherId = `other-amount-${props.surface}`;
  const errorId = error ? `amount-error-${props.surface}` : undefined;
  const initialKey = `${props.frequency}.${props.currency}`;

  /** One frequency × currency's presets; without JavaScript each keeps its own choice. */
  function panel(f: Frequency, c: Currency) {
    const rules = rulesFor(c, f);
    const active = f === frequency && c === currency;
    const key = `${f}.${c}`;
    // Drawn for the chosen pair (with JavaScript), or for every pair (without): checked is its own default.
    const checkedValue = active ? amount : String(rules.defaultAmount);
    const name = hydrated ? "amount" : amountFieldName(f, c);
    const radio = (value: string, text: string, recommended = false) => (
      <label key={value} className="choice">
        <input
          type="radio"
          name={name}
          value={value}
          checked={checkedValue === value}
          data-initial={key === initialKey && props.amount === value ? "" : undefined}
          onChange={() => {
            setAmount(value);
            if (value !== "other") setOtherAmount("");
            setError(null);
          }}
        />
        <span>
          {text}
          {recommended && <span className="recommended"> Recommended</span>}
        </span>
      </label>
    );
    return (
      <div key={f} className="amount-panel" data-frequency={f}>
        <div className="choices amounts">
          {rules.presets.map((preset) =>
            radio(String(preset), presetLabel(preset, c, f), preset === rules.recommended),
          )}
          {radio("other", "Other")}
        </div>
        <p className="fineprint range">{rangeLine(rules, c, f)}</p>
      </div>
    );
  }

  const currencies = hydrated ? [currency] : offer.currencies;
  const frequencies = (c: Currency) =>
    (hydrated ? [frequency] : FREQUENCIES.map((f) => f)).map((f) => panel(f, c));

  return (
    <form
      id={checkoutFormId(props.surface)}
      ref={formRef}
      className="ask-form"
      data-js={hydrated ? "" : undefined}
      method="post"
      action="/api/checkout"
      onSubmit={onSubmit}
      noValidate
    >
      <style href="ask-form-panels" precedence="default">
        {PANEL_CSS}
      </style>
      <input type="hidden" name="surface" value={props.cameFrom?.surface ?? props.surface} />
      <input type="hidden" name="variant" value={props.cameFrom?.variant ?? props.variant} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <input type="hidden" name="locale" value={props.locale} />
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
                data-initial={f === props.frequency ? "" : undefined}
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

      <fieldset className="amount-fieldset" aria-describedby={errorId}>
        <legend>Choose an amount</legend>
        <span className="currency">
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
            {offer.currencies.map((c) => (
              <option key={c} value={c} data-initial={c === props.currency ? "" : undefined}>
                {c}
              </option>
            ))}
          </select>
        </span>
        {currencies.map((c) => (
          <div key={c} className="amount-currency" data-currency={c}>
            {frequencies(c)}
          </div>
        ))}
        <div className="other">
          <label htmlFor={otherId}>Other amount</label>
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
        <span className="label-chosen">
          {continueLabel(
            chosenMinor !== null &&
              !checkAmount(chosenMinor, currency, frequency, rulesFor(currency, frequency))
              ? chosenMinor
              : null,
            currency,
            frequency,
            offer.button,
            offer.buttonOnce,
          )}
        </span>
        {/* Without JavaScript, once the reader changes the choice the label above is stale: CSS shows this. */}
        {!hydrated && <span className="label-generic">Continue to payment</span>}
      </button>
    </form>
  );
}
