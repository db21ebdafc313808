-- CreateTable
-- IF NOT EXISTS: before this migration rate-limiter-flexible created the same table itself at run time (same
-- columns, same primary key name), so a database that already served requests has it.
CREATE TABLE IF NOT EXISTS "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
