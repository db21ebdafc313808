/**
 * The embeddable ask: `<script src="https://APP/embed.js" async data-surface="embed" data-currency="USD"
 * data-target="#support-box"></script>` on any page. It loads no framework and draws the ask in a shadow root
 * next to the script (or inside data-target). Requests carry credentials so the app's partitioned reader cookie
 * (per host site) remembers "remind me later"; Continue is a real form post to the app's checkout, in the top
 * window (or, with a CAPTCHA enabled, opens the app's /support page with the reader's choice, where the widget
 * runs). Built by scripts/build-embed.ts into public/embed.js (at most 10 KB gzipped).
 */
import type { PublicAskConfig } from "../lib/ask/public-config";
import { formatMoney, parseMajorAmount, type Currency, type Frequency } from "../lib/ask/amounts";
import { h, tile } from "./dom";
import { STYLE } from "./style";

type Decision = { show: boolean; variant: "default" | "renew" | "thanks" };
type Variant = "default" | "renew";
type Options = {
  app: string;
  surface: string;
  variant: Variant;
  frame: boolean;
  data: DOMStringMap;
};

const FRAME_HEADER: Record<string, string> = { "X-Ask-Frame": "1" };
const configs: Record<string, Promise<PublicAskConfig>> = {};

function getJson<T>(url: string, init: RequestInit): Promise<T> {
  return fetch(url, init).then((response) => {
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json() as Promise<T>;
  });
}

function mount(script: HTMLScriptElement): HTMLElement {
  const host = h("div", { "data-rr-ask": "loading" });
  const selector = script.dataset.target;
  const place = () => {
    const target = selector ? document.querySelector(selector) : null;
    if (target) target.append(host);
    else if (script.parentElement && script.parentElement !== document.head) script.after(host);
    else document.body.append(host);
  };
  // An async script may run before the target (or body) has been parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();
  return host;
}

async function start(script: HTMLScriptElement): Promise<void> {
  const data = script.dataset;
  const app = new URL(script.src).origin;
  const surface = data.surface || "embed";
  // Inside the app's own iframe (/embed/ask) requests are same-origin: the header says "keep the partitioned cookie".
  const frame = data.frame !== undefined;
  const headers = frame ? FRAME_HEADER : undefined;
  const host = mount(script);
  const root = host.attachShadow({ mode: "open" });
  if (frame) {
    // Tell the host page how tall the ask is, so it can size the iframe (the frame page's body is a flow root).
    new ResizeObserver(() =>
      parent.postMessage({ type: "rr-ask:height", height: document.body.offsetHeight }, "*"),
    ).observe(document.body);
  }
  try {
    // The config is public and cached (no credentials); the decision is per reader (credentials, never cached).
    configs[app] ??= getJson<PublicAskConfig>(`${app}/api/ask/config`, { credentials: "omit" });
    const [config, decision] = await Promise.all([
      configs[app],
      getJson<Decision>(`${app}/api/ask?surface=${encodeURIComponent(surface)}`, {
        credentials: "include",
        headers,
      }),
    ]);
    root.append(h("style", null, STYLE));
    if (decision.show && decision.variant !== "thanks") {
      root.append(ask(config, { app, surface, variant: decision.variant, frame, data }));
      host.dataset.rrAsk = "ask";
    } else if (decision.variant === "thanks") {
      root.append(h("p", { class: "note" }, config.copy.thanks));
      host.dataset.rrAsk = "thanks";
    } else host.dataset.rrAsk = "hidden";
  } catch {
    host.dataset.rrAsk = "error"; // the article reads fine without the ask
  }
}

function ask(config: PublicAskConfig, options: Options): HTMLElement {
  const { app, surface, variant, frame, data } = options;
  const headers = frame ? FRAME_HEADER : undefined;
  const copy = config.copy;
  const renew = variant === "renew";
  const beacon = (type: "impression" | "continue") =>
    // A string body is sent as text/plain: a simple request, so no preflight delays it.
    fetch(`${app}/api/ask/event`, {
      method: "POST",
      body: JSON.stringify({ type, surface, variant }),
      keepalive: true,
      credentials: "include",
      headers,
    }).catch(() => undefined);

  let currency = (config.currencies as string[]).includes(data.currency ?? "")
    ? (data.currency as Currency)
    : config.defaultCurrency;
  let frequency: Frequency = config.frequencies.some((f) => f.id === data.frequency)
    ? (data.frequency as Frequency)
    : "MONTHLY";
  const rules = () => config.amounts[currency][frequency];
  const about = () => config.frequencies.find((f) => f.id === frequency)!;
  const money = (minor: number) => formatMoney(minor, currency);
  let amount = String(rules().defaultAmount); // a preset in minor units, or "other"

  const error = h("p", { id: "amount-error", class: "error", role: "alert" });
  const range = h("p", { id: "amount-range", class: "fine" });
  const otherLabel = h("label", { for: "other" });
  const other = h("input", {
    id: "other",
    name: "otherAmount",
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    "aria-describedby": "amount-error amount-range",
    oninput: () => {
      amount = "other";
      (presets.querySelector("[value=other]") as HTMLInputElement).checked = true;
      clearError();
    },
  });
  const presets = h("div", { class: "choices" });

  function clearError() {
    error.textContent = "";
    other.removeAttribute("aria-invalid");
  }

  function drawAmounts() {
    const { presets: values, min, max } = rules();
    presets.replaceChildren(
      ...values.map((value) =>
        tile("amount", String(value), money(value) + about().per, amount === String(value), () => {
          amount = String(value);
          other.value = "";
          clearError();
        }),
      ),
      tile("amount", "other", "Other", amount === "other", () => {
        amount = "other";
      }),
    );
    otherLabel.textContent = `Other amount (${currency})`;
    range.textContent = `${about().label} gifts: ${money(min)} to ${money(max)}.`;
  }

  function choose() {
    if (amount !== "other") amount = String(rules().defaultAmount);
    clearError();
    drawAmounts();
  }

  /** The same rules and words as the server's check, so a reader learns what to fix before leaving the page. */
  function problem(): string | null {
    const { min, max } = rules();
    if (amount === "other" && !other.value.trim())
      return "Enter the amount you would like to give.";
    const minor = amount === "other" ? parseMajorAmount(other.value) : Number(amount);
    if (minor === null) return "Enter an amount in numbers, for example 15 or 15.50.";
    if (minor < min) return `${about().noun} must be at least ${money(min)}.`;
    if (minor > max)
      return `${about().noun} can be at most ${money(max)}. For larger gifts, please contact us.`;
    return null;
  }

  function chosenAmount(): number | undefined {
    if (problem()) return undefined;
    return amount === "other" ? (parseMajorAmount(other.value) ?? undefined) : Number(amount);
  }

  const checkout = h(
    "form",
    {
      // "get" when a CAPTCHA is enabled: Continue opens our /support page with the choice, where the widget runs.
      method: config.checkoutMethod ?? "post",
      action: config.checkoutUrl,
      target: "_top",
      novalidate: true,
      onsubmit: (event: Event) => {
        const message = problem();
        if (message) {
          event.preventDefault();
          error.textContent = message;
          if (amount === "other") other.setAttribute("aria-invalid", "true");
          (amount === "other" ? other : (presets.querySelector(":checked") as HTMLElement)).focus();
          return;
        }
        if (amount !== "other") other.value = ""; // a typed amount would win over the preset
        void beacon("continue");
      },
    },
    h("input", { type: "hidden", name: "surface", value: surface }),
    h("input", { type: "hidden", name: "variant", value: variant }),
    h(
      "fieldset",
      null,
      h("legend", null, "How often would you like to give?"),
      h(
        "div",
        { class: "choices freq" },
        config.frequencies.map((f) =>
          tile("frequency", f.id, f.label, f.id === frequency, () => {
            frequency = f.id;
            choose();
          }),
        ),
      ),
    ),
    h(
      "div",
      { class: "row" },
      h("label", { for: "currency" }, "Currency"),
      h(
        "select",
        {
          id: "currency",
          name: "currency",
          onchange: (event: Event) => {
            currency = (event.target as HTMLSelectElement).value as Currency;
            choose();
          },
        },
        config.currencies.map((c) => h("option", { value: c, selected: c === currency }, c)),
      ),
    ),
    h(
      "fieldset",
      { "aria-describedby": "amount-error" },
      h("legend", null, "Choose an amount"),
      presets,
      h("div", { class: "row" }, otherLabel, other),
      range,
      error,
    ),
    h("button", { type: "submit", class: "continue" }, "Continue"),
  );
  drawAmounts();

  const remindError = h("p", { id: "remind-error", class: "error", role: "alert" });
  const email = h("input", {
    id: "remind-email",
    type: "email",
    name: "email",
    autocomplete: "email",
    "aria-describedby": "remind-error",
  });
  const consent = h("input", {
    type: "checkbox",
    name: "consent",
    "aria-describedby": "remind-error",
  });
  const remind = h(
    "form",
    {
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        remindError.textContent = "";
        if (email.value.trim() && !consent.checked) {
          remindError.textContent =
            "Tick the box to agree to one reminder email, or leave the email empty.";
          consent.focus();
          return;
        }
        const choice = new FormData(remind).get("choice");
        const body = {
          choice,
          surface,
          variant,
          email: email.value.trim() || undefined,
          consent: consent.checked,
          frequency,
          currency,
          amount: chosenAmount(),
        };
        const response = await fetch(config.remindLaterUrl, {
          method: "POST",
          credentials: "include",
          headers: { ...headers, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }).catch(() => null);
        // Errors come as { error: { code, message, fields? } } (lib/http/pipeline.ts).
        const result = (await response?.json().catch(() => null)) as {
          until?: string;
          reminder?: boolean;
          confirm?: boolean;
          error?: { message?: string; fields?: Record<string, string> };
        } | null;
        if (!response?.ok || !result?.until) {
          remindError.textContent =
            Object.values(result?.error?.fields ?? {})[0] ??
            result?.error?.message ??
            "We could not save that. Please try again.";
          return;
        }
        const day = new Intl.DateTimeFormat("en", { dateStyle: "long" }).format(
          new Date(result.until),
        );
        const note = h(
          "div",
          { class: "note", role: "status", tabindex: -1 },
          h("p", null, `Thanks — we'll ask again on ${day}.`),
          result.reminder &&
            h(
              "p",
              null,
              result.confirm
                ? "Check your inbox to confirm the reminder: we send it only once you click the link in that email."
                : "We will send you one reminder email that day. Every email has a one-click unsubscribe link.",
            ),
        );
        section.replaceWith(note);
        note.focus();
      },
    },
    h(
      "fieldset",
      { class: "when" },
      h("legend", null, "When should we ask again?"),
      config.remindLaterChoices.map((d) =>
        h(
          "label",
          null,
          h("input", {
            type: "radio",
            name: "choice",
            value: d.id,
            checked: d.id === config.defaultRemindLater,
          }),
          d.label,
        ),
      ),
    ),
    h(
      "div",
      { class: "email" },
      h("label", { for: "remind-email" }, "Email me a reminder (optional)"),
      email,
      h(
        "label",
        { class: "consent" },
        consent,
        "I agree to receive one reminder email on that date. I can unsubscribe with one click.",
      ),
    ),
    remindError,
    h("button", { type: "submit", class: "secondary" }, "Remind me"),
  );

  const section = h(
    "section",
    { class: "ask", "aria-labelledby": "ask-heading" },
    // In its own frame the ask is the document, so its heading is the page's h1.
    h(frame ? "h1" : "h2", { id: "ask-heading" }, renew ? copy.renewHeading : copy.heading),
    (renew ? copy.renewAppeal : copy.appeal).map((paragraph) => h("p", null, paragraph)),
    checkout,
    h(
      "div",
      { class: "methods" },
      h("span", { id: "methods" }, "We accept:"),
      h(
        "ul",
        { "aria-labelledby": "methods" },
        config.paymentMethods.map((m) => h("li", null, m)),
      ),
    ),
    h("p", { class: "fine" }, copy.secureNote),
    h(
      "details",
      null,
      h("summary", null, `${copy.remindPrompt} `, h("span", null, copy.remindAction)),
      remind,
    ),
  );
  void beacon("impression");
  return section;
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) void start(current);
