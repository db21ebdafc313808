import type Stripe from "stripe";
import { ApiError } from "../errors";
import { completeCheckout, getSession, OUTCOMES, type CheckoutOutcome } from "../flows/checkout";
import { redirect, sendHtml } from "../http";
import { formatMoney } from "../objects/money";
import { html, page, type Html } from "./html";
import { field, type PageContext } from "./types";

function frequency(items: Stripe.LineItem[]): string {
  const recurring = items[0]?.price?.recurring;
  if (!recurring) return "one-time";
  const unit = recurring.interval;
  return recurring.interval_count === 1
    ? `per ${unit}`
    : `every ${recurring.interval_count} ${unit}s`;
}

function summary(emu: PageContext["emu"], session: Stripe.Checkout.Session): Html {
  const items = emu.store.sessionExtras.get(session.id)?.lineItems ?? [];
  const currency = session.currency ?? "usd";
  const rows = items.map(
    (item) =>
      html`<dt>${item.description} × ${item.quantity ?? 1}</dt><dd>${formatMoney(item.amount_total, item.currency)}</dd>`,
  );
  return html`<section class="card" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl>${rows}
<dt class="total">Total (${currency.toUpperCase()}, ${frequency(items)})</dt><dd class="total">${formatMoney(session.amount_total ?? 0, currency)}</dd></dl>
</section>`;
}

function message(
  title: string,
  text: string,
  link?: { href: string | null; label: string },
): string {
  const action = link?.href ? html`<p><a href="${link.href}">${link.label}</a></p>` : html``;
  return page(title, html`<h1>${title}</h1><div class="card"><p>${text}</p>${action}</div>`);
}

function form(
  ctx: PageContext,
  session: Stripe.Checkout.Session,
  values: { email: string; name: string; error?: string },
): string {
  const verb =
    session.submit_type === "donate"
      ? "Donate"
      : session.mode === "subscription"
        ? "Subscribe"
        : "Pay";
  const error = values.error
    ? html`<div class="error" role="alert" id="payment-error">${values.error}</div>`
    : html``;
  const cancel = session.cancel_url
    ? html`<p><a href="${session.cancel_url}">Cancel and return</a></p>`
    : html``;
  // Stripe draws Checkout in the session's locale; this stand-in stays in English and says which it would be.
  const locale =
    session.locale && session.locale !== "auto"
      ? html`<p class="hint" data-checkout-locale="${session.locale}">Stripe would show this page in the language "${session.locale}".</p>`
      : html``;
  const body = html`<h1>${verb}: ${formatMoney(session.amount_total ?? 0, session.currency ?? "usd")}</h1>
${locale}
${summary(ctx.emu, session)}
<form class="card" method="post" action="/c/pay/${session.id}" aria-labelledby="details-heading">
<h2 id="details-heading">Your details</h2>
${error}
<label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="email" value="${values.email}"${values.error ? html` aria-describedby="payment-error"` : html``}>
<label for="name">Name</label>
<input id="name" name="name" type="text" autocomplete="name" value="${values.name}">
<fieldset>
<legend>Choose how this test payment goes</legend>
<button class="primary" type="submit" name="outcome" value="paid">Pay</button>
<button class="secondary" type="submit" name="outcome" value="declined">Pay with a card that is declined</button>
<button class="secondary" type="submit" name="outcome" value="async_failed">Pay by bank debit that later fails</button>
<button class="secondary" type="submit" name="outcome" value="async_succeeded">Pay by bank debit that later succeeds</button>
</fieldset>
</form>
${cancel}`;
  return page(`${verb} – Test checkout`, body);
}

function closed(session: Stripe.Checkout.Session): string {
  if (session.status === "expired") {
    return message(
      "This checkout has expired",
      "This checkout session expired, so it can no longer be paid. Start again from the site.",
      {
        href: session.cancel_url,
        label: "Return to the site",
      },
    );
  }
  return message(
    "This checkout is already complete",
    "This checkout session has already been paid or submitted.",
    {
      href: successUrl(session),
      label: "Continue",
    },
  );
}

function successUrl(session: Stripe.Checkout.Session): string | null {
  return session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", session.id) ?? null;
}

function load(ctx: PageContext): Stripe.Checkout.Session | undefined {
  try {
    return getSession(ctx.emu, ctx.path.id ?? "");
  } catch {
    sendHtml(
      ctx.res,
      404,
      message("Checkout not found", "This checkout link is not valid. Start again from the site."),
    );
    return undefined;
  }
}

export function showCheckout(ctx: PageContext): void {
  const session = load(ctx);
  if (!session) return;
  if (session.status !== "open") return sendHtml(ctx.res, 410, closed(session));
  const customerEmail = ctx.emu.store.customers.get(String(session.customer))?.email;
  sendHtml(
    ctx.res,
    200,
    form(ctx, session, { email: session.customer_email ?? customerEmail ?? "", name: "" }),
  );
}

/** The form's POST: completes the session like Stripe would, then redirects to success_url (303). */
export function submitCheckout(ctx: PageContext): void {
  const session = load(ctx);
  if (!session) return;
  if (session.status !== "open") return sendHtml(ctx.res, 410, closed(session));
  const email = field(ctx.form, "email");
  const name = field(ctx.form, "name");
  const chosen = field(ctx.form, "outcome");
  const outcome: CheckoutOutcome = (OUTCOMES as readonly string[]).includes(chosen)
    ? (chosen as CheckoutOutcome)
    : "paid";
  try {
    ctx.emu.withOrigin(null, () => completeCheckout(ctx.emu, session.id, { outcome, email, name }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const text =
      error.body.type === "card_error" ? `${error.message} Try another card.` : error.message;
    return sendHtml(ctx.res, error.status, form(ctx, session, { email, name, error: text }));
  }
  const target = successUrl(session);
  if (target) return redirect(ctx.res, target);
  sendHtml(ctx.res, 200, message("Thank you", "Your test payment was submitted."));
}
