import type Stripe from "stripe";
import { ApiError } from "../errors";
import { getSubscription, updateSubscription } from "../flows/subscriptions";
import { redirect, sendHtml } from "../http";
import { formatMoney, minimumAmount, parseMajorAmount, toMajorText } from "../objects/money";
import { periodAmount } from "../objects/subscription";
import { formatDate, html, page, type Html } from "./html";
import { field, type PageContext } from "./types";

const NOTICES: Record<string, string> = {
  canceled: "Your subscription will be canceled at the end of the current period.",
  resumed: "Your subscription will continue.",
  updated: "Your subscription amount was updated.",
};

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
  const major = toMajorText(item?.price.unit_amount ?? 0, sub.currency);
  return html`<section class="card" aria-labelledby="${headingId}">
<h2 id="${headingId}">${amount} per ${interval}</h2>
${schedule}
<form method="post" action="${base}/amount">
<label for="amount-${sub.id}">New amount (${sub.currency.toUpperCase()} per ${interval})</label>
<input id="amount-${sub.id}" name="amount" inputmode="decimal" required value="${major}">
<button class="secondary" type="submit">Update amount</button>
</form>
</section>`;
}

function render(ctx: PageContext, portal: Stripe.BillingPortal.Session, error?: string): string {
  const customer = ctx.emu.store.customers.get(portal.customer);
  const subs = [...ctx.emu.store.subscriptions.values()].filter(
    (s) => s.customer === portal.customer && s.status !== "canceled" && s.status !== "incomplete_expired",
  );
  const notice = NOTICES[ctx.url.searchParams.get("notice") ?? ""];
  const banner = error
    ? html`<div class="error" role="alert">${error}</div>`
    : notice
      ? html`<div class="notice" role="status">${notice}</div>`
      : html``;
  const list = subs.length > 0 ? subs.map((s) => subscriptionCard(portal, s)) : [html`<p class="card">You have no active subscriptions.</p>`];
  const back = portal.return_url ? html`<p><a href="${portal.return_url}">Return to the site</a></p>` : html``;
  return page(
    "Manage your subscriptions – Test portal",
    html`<h1>Manage your subscriptions</h1>
<p>Signed in as ${customer?.email ?? portal.customer}.</p>
${banner}${list}${back}`,
  );
}

function load(ctx: PageContext): Stripe.BillingPortal.Session | undefined {
  const portal = ctx.emu.store.portalSessions.get(ctx.path.id ?? "");
  if (!portal) sendHtml(ctx.res, 404, page("Portal not found", html`<h1>Portal not found</h1><p>This link is not valid.</p>`));
  return portal;
}

export function showPortal(ctx: PageContext): void {
  const portal = load(ctx);
  if (portal) sendHtml(ctx.res, 200, render(ctx, portal));
}

/** Cancel at period end, resume, or change the amount; each raises customer.subscription.updated. */
export function portalAction(ctx: PageContext): void {
  const portal = load(ctx);
  if (!portal) return;
  const { emu } = ctx;
  const action = ctx.path.action;
  try {
    const sub = getSubscription(emu, ctx.path.sub ?? "");
    if (sub.customer !== portal.customer) throw new ApiError(404, { type: "invalid_request_error", message: "No such subscription." });
    emu.withOrigin(null, () => {
      if (action === "cancel") updateSubscription(emu, sub, { cancelAtPeriodEnd: true });
      else if (action === "resume") updateSubscription(emu, sub, { cancelAtPeriodEnd: false });
      else if (action === "amount") {
        const amount = parseMajorAmount(field(ctx.form, "amount"), sub.currency);
        const minimum = minimumAmount(sub.currency);
        if (amount === null || amount < minimum) {
          throw new ApiError(400, { type: "invalid_request_error", message: `Enter an amount of at least ${formatMoney(minimum, sub.currency)}.` });
        }
        updateSubscription(emu, sub, { price: { itemId: sub.items.data[0]?.id ?? "", unitAmount: amount } });
      } else throw new ApiError(404, { type: "invalid_request_error", message: "Unknown action." });
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return sendHtml(ctx.res, error.status, render(ctx, portal, error.message));
  }
  const notice = action === "cancel" ? "canceled" : action === "resume" ? "resumed" : "updated";
  redirect(ctx.res, `/p/session/${portal.id}?notice=${notice}`);
}
