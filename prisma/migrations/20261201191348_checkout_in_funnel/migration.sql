-- AlterTable
ALTER TABLE "CheckoutAttempt" ADD COLUMN     "inFunnel" BOOLEAN NOT NULL DEFAULT true;
