import type { Db } from "../db";
import { requireStaffApi } from "../auth/require";
import { csvResponse, decimal } from "./csv";
import { paymentFilters, parseFilters, supporterFilters } from "./filters";
import { eachPayment } from "./payments";
import { eachSupporter } from "./supporters";

const stamp = () => new Date().toISOString().slice(0, 10);

/** GET /api/staff/export/supporters?… — the supporters list's filters, all pages, streamed. */
export async function exportSupporters(db: Db, request: Request): Promise<Response> {
  await requireStaffApi();
  const f = parseFilters(supporterFilters, new URL(request.url).searchParams);
  return csvResponse(
    `supporters-${stamp()}.csv`,
    [
      "id",
      "email",
      "name",
      "first_seen",
      "membership_status",
      "membership_interval",
      "membership_amount",
      "membership_currency",
      "gifts",
    ],
    eachSupporter(db, f),
    (s) => {
      const m = s.memberships[0];
      const status = !m
        ? ""
        : m.status === "CANCELED"
          ? "ended"
          : m.cancelAtPeriodEnd
            ? "cancelling"
            : m.status.toLowerCase();
      return [
        s.id,
        s.email,
        s.name,
        s.createdAt,
        status,
        m ? (m.interval === "MONTH" ? "month" : "year") : "",
        m ? decimal(m.amount, m.currency) : "",
        m?.currency ?? "",
        s._count.payments,
      ];
    },
  );
}

/** GET /api/staff/export/payments?… */
export async function exportPayments(db: Db, request: Request): Promise<Response> {
  await requireStaffApi();
  const f = parseFilters(paymentFilters, new URL(request.url).searchParams);
  return csvResponse(
    `payments-${stamp()}.csv`,
    [
      "id",
      "stripe_id",
      "created",
      "paid_at",
      "supporter_email",
      "kind",
      "status",
      "amount",
      "refunded",
      "currency",
      "dispute_status",
      "dispute_amount",
    ],
    eachPayment(db, f),
    (p) => {
      const dispute = p.disputes.at(-1); // the latest (a charge is rarely disputed twice)
      return [
        ...[
          p.id,
          p.stripeId,
          p.createdAt,
          p.paidAt,
          p.supporter.email,
          p.kind === "ONE_TIME" ? "one_time" : "recurring",
          p.status.toLowerCase(),
        ],
        ...[
          decimal(p.amount, p.currency),
          decimal(p.amountRefunded, p.currency),
          p.currency,
          dispute?.status ?? "",
          dispute ? decimal(dispute.amount, p.currency) : "",
        ],
      ];
    },
  );
}
