-- CreateIndex
CREATE INDEX "Membership_currency_supporterId_idx" ON "Membership"("currency", "supporterId");

-- CreateIndex
CREATE INDEX "Payment_currency_supporterId_idx" ON "Payment"("currency", "supporterId");
