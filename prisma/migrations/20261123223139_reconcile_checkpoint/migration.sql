-- CreateTable
CREATE TABLE "ReconcileCheckpoint" (
    "id" TEXT NOT NULL,
    "createdUpTo" TIMESTAMPTZ(3) NOT NULL,
    "lastEventId" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconcileCheckpoint_pkey" PRIMARY KEY ("id")
);
