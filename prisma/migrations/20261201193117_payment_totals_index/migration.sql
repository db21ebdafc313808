-- The payments list's matches and per-currency totals over a from/to range read this index alone
-- (an index-only range scan), not every payment row in the range.
-- CreateIndex
CREATE INDEX "Payment_occurredAt_currency_status_kind_amount_amountRefund_idx" ON "Payment"("occurredAt", "currency", "status", "kind", "amount", "amountRefunded");
