-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "confirmTokenHash" TEXT,
ADD COLUMN     "confirmedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_confirmTokenHash_key" ON "Reminder"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Reminder_email_idx" ON "Reminder"("email");
