import type Stripe from "stripe";
import { ApiError } from "../errors";
import { getSubscription, updateCard, updateSubscription } from "../flows/subscriptions";
import { redirect, sendHtml } from "../http";
import { formatMoney } from "../objects/money";
import { periodAmount } from "../objects/subscription";
import { TEST_CARDS, type TestCard } from "../objects/payment";
import { formatDate, html, page, type Html } from "./html";
import { field, type PageContext } from "./types";

/**
 * What Stripe's Customer Portal offers for the subscriptions this app creates (Checkout with `price_data`):
 * cancel at the end of the period (or keep a cancelled one), update the card, and see the invoice history.
 * Stripe's portal cannot change the amount of a `price_data` subscription, so neither can this one.
 */
const NOTICES: Record<string, string> = {
  canceled: "Your subscription will be canceled at the end of the current period.",
  resumed: "Your subscription will continue.",
  card: "Your card was updated. Future payments use it.",
};

const CARD_LABEL = (card: Pick<TestCard, "brand" | "last4">) =>
  `${card.brand === "visa" ? "Visa" : "Mastercard"} ending ${card.last4}`;

function subscriptionCard(portal: Stripe.BillingPortal.Session, sub: Stripe.Subscription): Html {
  const item = sub.items.data[0];
  const interval = item?.price.recurring?.interval ?? "month";
  const amount = formatMoney(periodAmount(sub), sub.currency);
  const end = formatDate(item?.current_period_end ?? 0);
  const base = `/p/session/${portal.id}/subscriptions/${sub.id}`;
  const headingId = `sub-${sub.id}`;
  const schedule = sub.cancel_at_period_end
    ? html`<p>Cancels on <strong>${end}</strong>.</p>
<form method="post" action="${base}/resume"><button class="primary" type="submit">Keep subscription</button></form>`
    : html`<p>Status: ${sub.status}. Renews on <strong>${end}</strong>.</p>
<form method="post" action="${base}/cancel"><button class="secondary" type="submit">Cancel subscription</button>
<p class="hint">It stays active until ${end}.</p></form>`;
  return html`<section class="card" aria-labelledby="${headingId}">
<h2 id="${headingId}">${amount} per ${interval}</h2>
${schedule}
</section>`;
}

function paymentMethod(
  ctx: PageContext,
  portal: Stripe.BillingPortal.Session,
  customer: Stripe.Customer | undefined,
): Html {
  const current = customer?.invoice_settings?.default_payment_method;
  const known = typeof current === "string" ? ctx.emu.store.cards.get(current) : undefined;
  const options = TEST_CARDS.map(
    (card, i) =>
      html`<label class="choice"><input type="radio" name="card" value="${card.last4}"${i === 0 ? html` checked` : html``}> ${CARD_LABEL(card)}${card.declines ? " (declined)" : ""}</label>`,
  );
  return html`<section class="card" aria-labelledby="payment-heading">
<h2 id="payment-heading">Payment method</h2>
<p>Current card: ${known ? CARD_LABEL(known) : "the one you paid with at checkout"}.</p>
<form method="post" action="/p/session/${portal.id}/payment_method">
<fieldset><legend>New test card</legend>${options}</fieldset>
<button class="secondary" type="submit">Update card</button>
</form>
</section>`;
}

function invoiceHistory(ctx: PageContext, portal: Stripe.BillingPortal.Session): Html {
  const invoices = [...ctx.emu.store.invoices.values()]
    .filter((i) => i.customer === portal.customer && i.status !== "draft")
    .sort((a, b) => b.created - a.created);
  const rows = invoices.map(
    (i) =>
      html`<tr><td>${formatDate(i.created)}</td><td>${formatMoney(i.total, i.currency)}</td><td>${i.status}</td><td>${i.hosted_invoice_url ? html`<a href="${i.hosted_invoice_url}">View invoice ${i.number ?? ""}</a>` : html``}</td></tr>`,
  );
  const table = invoices.length
    ? html`<table><caption class="hint">Newest first</caption><thead><tr><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Invoice</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>No invoices yet.</p>`;
  return html`<section class="card" aria-labelledby="invoices-heading"><h2 id="invoices-heading">Invoice history</h2>${table}</section>`;
}

function render(ctx: PageContext, portal: Stripe.BillingPortal.Session, error?: string): string {
  const customer = ctx.emu.store.customers.get(portal.customer);
  const subs = [...ctx.emu.store.subscriptions.values()].filter(
    (s) =>
      s.customer === portal.customer &&
      s.status !== "canceled" &&
      s.status !== "incomplete_expired",
  );
  const notice = NOTICES[ctx.url.searchParams.get("notice") ?? ""];
  const banner = error
    ? html`<div class="error" role="alert">${error}</div>`
    : notice
      ? html`<div class="notice" role="status">${notice}</div>`
      : html``;
  const list =
    subs.length > 0
      ? subs.map((s) => subscriptionCard(portal, s))
      : [html`<p class="card">You have no active subscriptions.</p>`];
  const back = portal.return_url
    ? html`<p><a href="${portal.return_url}">Return to the site</a></p>`
    : html``;
  return page(
    "Manage your subscriptions – Test portal",
    html`<h1>Manage your subscriptions</h1>
<p>Signed in as ${customer?.email ?? portal.customer}.</p>
${banner}${list}${paymentMethod(ctx, portal, customer)}${invoiceHistory(ctx, portal)}${back}`,
  );
}

function load(ctx: PageContext): Stripe.BillingPortal.Session | undefined {
  const portal = ctx.emu.store.portalSessions.get(ctx.path.id ?? "");
  if (!portal)
    sendHtml(
      ctx.res,
      404,
      page("Portal not found", html`<h1>Portal not found</h1><p>This link is not valid.</p>`),
    );
  return portal;
}

export function showPortal(ctx: PageContext): void {
  const portal = load(ctx);
  if (portal) sendHtml(ctx.res, 200, render(ctx, portal));
}

function answer(
  ctx: PageContext,
  portal: Stripe.BillingPortal.Session,
  run: () => void,
  notice: string,
): void {
  try {
    ctx.emu.withOrigin(null, run);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return sendHtml(ctx.res, error.status, render(ctx, portal, error.message));
  }
  redirect(ctx.res, `/p/session/${portal.id}?notice=${notice}`);
}

/** Cancel at period end or resume; each raises customer.subscription.updated. */
export function portalAction(ctx: PageContext): void {
  const portal = load(ctx);
  if (!portal) return;
  const { emu } = ctx;
  const action = ctx.path.action;
  answer(
    ctx,
    portal,
    () => {
      const sub = getSubscription(emu, ctx.path.sub ?? "");
      if (sub.customer !== portal.customer)
        throw new ApiError(404, {
          type: "invalid_request_error",
          message: "No such subscription.",
        });
      if (action === "cancel") updateSubscription(emu, sub, { cancelAtPeriodEnd: true });
      else if (action === "resume") updateSubscription(emu, sub, { cancelAtPeriodEnd: false });
      else
        throw new ApiError(404, {
          type: "invalid_request_error",
          message: "This portal does not offer that.",
        });
    },
    action === "cancel" ? "canceled" : "resumed",
  );
}

/** "Update card": the chosen test card becomes the default for the customer and their live subscriptions. */
export function portalPaymentMethod(ctx: PageContext): void {
  const portal = load(ctx);
  if (!portal) return;
  const card = TEST_CARDS.find((c) => c.last4 === field(ctx.form, "card"));
  answer(
    ctx,
    portal,
    () => {
      if (!card)
        throw new ApiError(400, {
          type: "invalid_request_error",
          message: "Choose one of the test cards.",
        });
      updateCard(ctx.emu, portal.customer, card);
    },
    "card",
  );
}
