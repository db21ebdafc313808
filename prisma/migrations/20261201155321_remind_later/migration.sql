-- One name for "Remind me later": a Deferral is now a RemindLater. Renames only, so every row, index and
-- foreign key stays as it was (written by hand: the generated diff dropped and re-created the table).

-- RenameTable
ALTER TABLE "Deferral" RENAME TO "RemindLater";
ALTER TABLE "RemindLater" RENAME CONSTRAINT "Deferral_pkey" TO "RemindLater_pkey";
ALTER TABLE "RemindLater" RENAME CONSTRAINT "Deferral_supporterId_fkey" TO "RemindLater_supporterId_fkey";
ALTER INDEX "Deferral_readerKey_idx" RENAME TO "RemindLater_readerKey_idx";
ALTER INDEX "Deferral_supporterId_until_idx" RENAME TO "RemindLater_supporterId_until_idx";

-- RenameColumn
ALTER TABLE "Reminder" RENAME COLUMN "deferralId" TO "remindLaterId";
ALTER TABLE "Reminder" RENAME CONSTRAINT "Reminder_deferralId_fkey" TO "Reminder_remindLaterId_fkey";
ALTER INDEX "Reminder_deferralId_key" RENAME TO "Reminder_remindLaterId_key";

-- RenameColumn
ALTER TABLE "AskDailyStat" RENAME COLUMN "deferrals" TO "remindLaters";
