-- AlterTable
ALTER TABLE "CheckoutAttempt" ADD COLUMN     "readerKey" TEXT,
ADD COLUMN     "variant" TEXT NOT NULL DEFAULT 'default';

-- CreateTable
CREATE TABLE "ReaderKey" (
    "key" TEXT NOT NULL,
    "supporterId" TEXT NOT NULL,
    "linkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderKey_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Deferral" (
    "id" TEXT NOT NULL,
    "readerKey" TEXT NOT NULL,
    "supporterId" TEXT,
    "surface" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deferral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "deferralId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "frequency" "Frequency" NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "consentAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailOptOut" (
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailOptOut_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "AskDailyStat" (
    "day" DATE NOT NULL,
    "surface" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "continues" INTEGER NOT NULL DEFAULT 0,
    "checkouts" INTEGER NOT NULL DEFAULT 0,
    "completions" INTEGER NOT NULL DEFAULT 0,
    "deferrals" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AskDailyStat_pkey" PRIMARY KEY ("day","surface","variant")
);

-- CreateIndex
CREATE INDEX "ReaderKey_supporterId_idx" ON "ReaderKey"("supporterId");

-- CreateIndex
CREATE INDEX "Deferral_readerKey_idx" ON "Deferral"("readerKey");

-- CreateIndex
CREATE INDEX "Deferral_supporterId_until_idx" ON "Deferral"("supporterId", "until");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_deferralId_key" ON "Reminder"("deferralId");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_unsubscribeToken_key" ON "Reminder"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "Reminder_dueAt_idx" ON "Reminder"("dueAt");

-- AddForeignKey
ALTER TABLE "ReaderKey" ADD CONSTRAINT "ReaderKey_supporterId_fkey" FOREIGN KEY ("supporterId") REFERENCES "Supporter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deferral" ADD CONSTRAINT "Deferral_supporterId_fkey" FOREIGN KEY ("supporterId") REFERENCES "Supporter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_deferralId_fkey" FOREIGN KEY ("deferralId") REFERENCES "Deferral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
