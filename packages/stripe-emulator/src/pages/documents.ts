import { sendHtml } from "../http";
import { formatMoney } from "../objects/money";
import { formatDate, html, page } from "./html";
import type { PageContext } from "./types";

function notFound(ctx: PageContext): void {
  sendHtml(
    ctx.res,
    404,
    page("Not found", html`<h1>Not found</h1><p>This document does not exist.</p>`),
  );
}

/** The page behind `charge.receipt_url`. */
export function showReceipt(ctx: PageContext): void {
  const charge = ctx.emu.store.charges.get(ctx.path.id ?? "");
  if (!charge) return notFound(ctx);
  const refunded =
    charge.amount_refunded > 0
      ? html`<dt>Refunded</dt><dd>${formatMoney(charge.amount_refunded, charge.currency)}</dd>`
      : html``;
  const body = html`<h1>Receipt</h1>
<section class="card" aria-label="Payment">
<dl><dt>Amount paid</dt><dd>${formatMoney(charge.amount, charge.currency)}</dd>
<dt>Date</dt><dd>${formatDate(charge.created)}</dd>
<dt>Status</dt><dd>${charge.status}</dd>${refunded}
<dt>Description</dt><dd>${charge.description ?? "Payment"}</dd></dl>
</section>`;
  sendHtml(ctx.res, 200, page("Receipt – Test mode", body));
}

/** The page behind `invoice.hosted_invoice_url` (and `invoice_pdf`, as HTML). */
export function showInvoice(ctx: PageContext): void {
  const invoice = ctx.emu.store.invoices.get(ctx.path.id ?? "");
  if (!invoice) return notFound(ctx);
  const lines = invoice.lines.data.map(
    (l) => html`<dt>${l.description}</dt><dd>${formatMoney(l.amount, l.currency)}</dd>`,
  );
  const body = html`<h1>Invoice ${invoice.number ?? invoice.id}</h1>
<section class="card" aria-label="Invoice">
<dl>${lines}
<dt class="total">Total</dt><dd class="total">${formatMoney(invoice.total, invoice.currency)}</dd>
<dt>Amount paid</dt><dd>${formatMoney(invoice.amount_paid, invoice.currency)}</dd>
<dt>Status</dt><dd>${invoice.status}</dd>
<dt>Date</dt><dd>${formatDate(invoice.created)}</dd></dl>
</section>`;
  sendHtml(ctx.res, 200, page(`Invoice ${invoice.number ?? ""} – Test mode`, body));
}
