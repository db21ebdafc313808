-- AlterTable
ALTER TABLE "Supporter" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;
