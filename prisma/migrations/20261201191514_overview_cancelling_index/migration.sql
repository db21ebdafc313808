-- CreateIndex
CREATE INDEX "Membership_cancelAtPeriodEnd_endedAt_status_idx" ON "Membership"("cancelAtPeriodEnd", "endedAt", "status");
