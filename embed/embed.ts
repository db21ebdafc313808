/**
 * The embeddable ask: `<script src="https://APP/embed.js" async data-surface="embed" data-currency="USD"
 * data-target="#support-box"></script>` on any page. It loads no framework and draws the ask in a shadow root
 * next to the script (or inside data-target). Requests carry credentials so the app's partitioned reader cookie
 * (per host site) remembers "remind me later"; Continue is a real form post to the app's checkout, in the top
 * window (or, with a CAPTCHA enabled, opens the app's /support page with the reader's choice, where the widget
 * runs). Built by scripts/build-embed.ts into public/embed.js (at most 10 KB gzipped).
 */
import type { PublicAskConfig } from "../lib/ask/public-config";
import {
  amountNotReadMessage,
  continueLabel,
  formatMoney,
  fromJustLine,
  lowestAmount,
  parseMajorAmount,
  rangeLine,
  type Currency,
  type Frequency,
} from "../lib/ask/amounts";
import { toMajorText } from "../lib/rules/money";
import { MARK_HEIGHT, MARK_WIDTH, PAYMENT_MARKS, markFontSize } from "../lib/ask/payment-marks";
import { h, tile } from "./dom";
import { STYLE } from "./style";

type Decision = {
  show: boolean;
  variant: "default" | "renew" | "thanks";
  /** The choice a remind-later kept (frequency, currency, amount). */
  choice?: Record<string, string>;
  /** The published ask's version: a config of another version is fetched again. */
  configVersion?: number;
};
type Variant = "default" | "renew";
type Options = {
  app: string;
  surface: string;
  variant: Variant;
  frame: boolean;
  data: Record<string, string | undefined>;
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

/**
 * What Checkout sent the reader back with, in this page's fragment (then removed from the address bar):
 * `rr-recognise=<token>` after paying (exchanged for our cookie, so the ask thanks them) or
 * `rr-ask=cancelled=1&frequency=…` after cancelling (their choice, shown again).
 */
function takeReturn(): { token?: string; cancelled?: URLSearchParams } {
  const hash = location.hash;
  const token = /^#rr-recognise=([\w.-]{1,1000})$/.exec(hash)?.[1];
  const cancelled = hash.startsWith("#rr-ask=")
    ? new URLSearchParams(decodeURIComponent(hash.slice(8)))
    : undefined;
  if (token || cancelled)
    history.replaceState(history.state, "", location.pathname + location.search);
  return { token, cancelled };
}

async function start(script: HTMLScriptElement): Promise<void> {
  const data: Options["data"] = { ...script.dataset };
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
  const back = takeReturn();
  if (back.cancelled) {
    for (const key of ["frequency", "currency", "amount"])
      data[key] = back.cancelled.get(key) ?? data[key];
    data.cancelled = "1";
  }
  try {
    if (back.token)
      await fetch(`${app}/api/ask/recognise`, {
        method: "POST",
        body: JSON.stringify({ token: back.token }),
        credentials: "include",
        headers,
      }).catch(() => undefined);
    // The config is public and cached (no credentials); the decision is per reader (credentials, never cached).
    // The language: the embed's data-locale, else the host page's lang.
    const locale = (data.locale || document.documentElement.lang || "en").slice(0, 2).toLowerCase();
    const configUrl = `${app}/api/ask/config?locale=${encodeURIComponent(locale)}`;
    configs[configUrl] ??= getJson<PublicAskConfig>(configUrl, { credentials: "omit" });
    const [cached, decision] = await Promise.all([
      configs[configUrl],
      getJson<Decision>(`${app}/api/ask?surface=${encodeURIComponent(surface)}`, {
        credentials: "include",
        headers,
      }),
    ]);
    // Newly published since the browser cached it: that version, at an address of its own.
    const version = decision.configVersion;
    const config =
      version === undefined || version === cached.version
        ? cached
        : await (configs[`${configUrl}&v=${version}`] ??= getJson<PublicAskConfig>(
            `${configUrl}&v=${version}`,
            { credentials: "omit" },
          ));
    root.append(h("style", null, STYLE));
    host.lang = config.locale;
    // Back from a cancelled Checkout, that choice; else the one a remind-later kept; else the host's.
    if (!back.cancelled) Object.assign(data, decision.choice);
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
  // Only the impression is the page's to count: Continue, Checkout and payment are counted on the server.
  const impression = () =>
    // A string body is sent as text/plain: a simple request, so no preflight delays it.
    fetch(`${app}/api/ask/event`, {
      method: "POST",
      body: JSON.stringify({ type: "impression", surface, variant }),
      keepalive: true,
      credentials: "include",
      headers,
    }).catch(() => undefined);

  let currency = (config.currencies as string[]).includes(data.currency ?? "")
    ? (data.currency as Currency)
    : config.defaultCurrency;
  let frequency: Frequency = config.frequencies.some((f) => f.id === data.frequency)
    ? (data.frequency as Frequency)
    : config.defaultFrequency;
  const rules = () => config.amounts[currency]![frequency];
  const about = () => config.frequencies.find((f) => f.id === frequency)!;
  const money = (minor: number) => formatMoney(minor, currency);
  // A preset in minor units, or "other"; the first choice may come back from a cancelled Checkout.
  const given = /^\d{1,9}$/.test(data.amount ?? "") ? Number(data.amount) : null;
  let amount =
    given === null
      ? String(rules().defaultAmount)
      : rules().presets.includes(given)
        ? String(given)
        : "other";

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
      update();
    },
  });
  const otherRow = h("div", { class: "row other" }, otherLabel, other);
  const continueButton = h("button", { type: "submit", class: "continue" });
  /** Continue says what it will do ("Support $10/month"); "Other amount" shows once "Other" is picked. */
  function update() {
    otherRow.hidden = amount !== "other";
    continueButton.textContent = continueLabel(
      chosenAmount() ?? null,
      currency,
      frequency,
      config.copy.button,
      config.copy.buttonOnce,
    );
  }
  if (amount === "other" && given !== null) other.value = toMajorText(given, currency);
  const presets = h("div", { class: "choices" });

  function clearError() {
    error.textContent = "";
    other.removeAttribute("aria-invalid");
  }

  function drawAmounts() {
    const { presets: values } = rules();
    presets.replaceChildren(
      ...values.map((value) =>
        tile(
          "amount",
          String(value),
          money(value) + about().per + (value === rules().recommended ? " · Recommended" : ""),
          amount === String(value),
          () => {
            amount = String(value);
            other.value = "";
            clearError();
            update();
          },
        ),
      ),
      tile("amount", "other", "Other", amount === "other", () => {
        amount = "other";
        update();
      }),
    );
    otherLabel.textContent = `Other amount (${currency})`;
    range.textContent = rangeLine(rules(), currency, frequency);
    update();
  }

  function choose() {
    if (amount !== "other") amount = String(rules().defaultAmount);
    clearError();
    drawAmounts();
  }

  /** The same rules and words as the server's check, so a reader learns what to fix before leaving the page. */
  function problem(): string | null {
    const min = lowestAmount(rules().min, currency);
    const { max } = rules();
    if (amount === "other" && !other.value.trim())
      return "Enter the amount you would like to give.";
    const minor = amount === "other" ? parseMajorAmount(other.value, currency) : Number(amount);
    if (minor === null) return amountNotReadMessage(currency);
    if (minor < min) return `${about().noun} must be at least ${money(min)}.`;
    if (minor > max)
      return `${about().noun} can be at most ${money(max)}. For larger gifts, please contact us.`;
    return null;
  }

  function chosenAmount(): number | undefined {
    if (problem()) return undefined;
    return amount === "other"
      ? (parseMajorAmount(other.value, currency) ?? undefined)
      : Number(amount);
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
        if (amount !== "other") other.value = "";
      },
    },
    h("input", { type: "hidden", name: "surface", value: surface }),
    h("input", { type: "hidden", name: "variant", value: variant }),
    h("input", { type: "hidden", name: "locale", value: config.locale }),
    // The article to come back to after Checkout: this page (or, framed, the page that framed us).
    h("input", {
      type: "hidden",
      name: "returnTo",
      value: frame ? data.return || document.referrer : location.href.split("#")[0],
    }),
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
      otherRow,
      range,
      error,
    ),
    continueButton,
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
    data.cancelled &&
      h(
        "p",
        { class: "note", role: "status" },
        "You left checkout before paying, so nothing was charged. Your choice is kept below.",
      ),
    (renew ? copy.renewAppeal : copy.appeal).map((paragraph) =>
      h("p", { class: "appeal" }, paragraph),
    ),
    !renew &&
      h("p", null, fromJustLine(config.amounts[currency]!.MONTHLY.min, currency, "MONTHLY")),
    checkout,
    h(
      "div",
      { class: "methods" },
      h("span", { id: "methods" }, "We accept:"),
      h(
        "ul",
        { "aria-labelledby": "methods" },
        PAYMENT_MARKS.map((m) => h("li", null, markSvg(m))),
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
  void impression();
  return section;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A payment method's badge (lib/ask/payment-marks.ts), named for screen readers. */
function markSvg(mark: (typeof PAYMENT_MARKS)[number]): SVGElement {
  const [w, y] = [MARK_WIDTH, MARK_HEIGHT / 2];
  const shapes: Node[] = [
    svg("rect", {
      x: 0.5,
      y: 0.5,
      width: w - 1,
      height: MARK_HEIGHT - 1,
      rx: 4,
      fill: mark.background,
      stroke: mark.border ?? mark.background,
    }),
  ];
  if (mark.circles)
    shapes.push(
      svg("circle", { cx: w / 2 - 5, cy: y, r: 8, fill: mark.circles[0] }),
      svg("circle", { cx: w / 2 + 5, cy: y, r: 8, fill: mark.circles[1], "fill-opacity": 0.85 }),
    );
  if (mark.text.length)
    shapes.push(
      svg(
        "text",
        {
          x: w / 2,
          y,
          "text-anchor": "middle",
          "dominant-baseline": "central",
          "font-family": "Arial, Helvetica, sans-serif",
          "font-weight": 700,
          "font-size": markFontSize(mark),
          ...(mark.italic ? { "font-style": "italic" } : {}),
        },
        ...mark.text.map(([run, colour]) =>
          svg("tspan", { fill: colour }, document.createTextNode(run)),
        ),
      ),
    );
  return svg(
    "svg",
    {
      role: "img",
      "aria-label": mark.name,
      width: w,
      height: MARK_HEIGHT,
      viewBox: `0 0 ${w} ${MARK_HEIGHT}`,
    },
    ...shapes,
  );
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) void start(current);
