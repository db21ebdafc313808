-- CreateTable
CREATE TABLE "AskVersion" (
    "id" SERIAL NOT NULL,
    "settings" JSONB NOT NULL,
    "publishedBy" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" TEXT[],
    "restoredFrom" INTEGER,

    CONSTRAINT "AskVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AskDraft" (
    "id" TEXT NOT NULL DEFAULT 'main',
    "fields" JSONB NOT NULL,
    "baseVersion" INTEGER,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AskDraft_pkey" PRIMARY KEY ("id")
);
