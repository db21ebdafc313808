-- DropIndex
DROP INDEX "Payment_paidAt_idx";

-- CreateIndex
CREATE INDEX "Payment_paidAt_status_kind_currency_amount_amountRefunded_idx" ON "Payment"("paidAt", "status", "kind", "currency", "amount", "amountRefunded");
