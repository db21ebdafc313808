-- CreateTable
CREATE TABLE "MembershipChange" (
    "id" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "MembershipStatus" NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "cancelAtPeriodEnd" BOOLEAN NOT NULL,

    CONSTRAINT "MembershipChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MembershipChange_membershipId_at_status_interval_amount_cur_key" ON "MembershipChange"("membershipId", "at", "status", "interval", "amount", "currency", "cancelAtPeriodEnd");

-- AddForeignKey
ALTER TABLE "MembershipChange" ADD CONSTRAINT "MembershipChange_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing memberships: what we know. Live from the start (unless it never started), then the state now.
INSERT INTO "MembershipChange" ("id", "membershipId", "at", "status", "interval", "amount", "currency", "cancelAtPeriodEnd")
SELECT gen_random_uuid()::text, "id", "startedAt",
       CASE WHEN "status" IN ('INCOMPLETE', 'INCOMPLETE_EXPIRED') THEN "status" ELSE 'ACTIVE'::"MembershipStatus" END,
       "interval", "amount", "currency", false
FROM "Membership";

INSERT INTO "MembershipChange" ("id", "membershipId", "at", "status", "interval", "amount", "currency", "cancelAtPeriodEnd")
SELECT gen_random_uuid()::text, "id", GREATEST("stateAt", "startedAt"), "status", "interval", "amount", "currency", "cancelAtPeriodEnd"
FROM "Membership"
WHERE "status" NOT IN ('ACTIVE', 'INCOMPLETE', 'INCOMPLETE_EXPIRED') OR "cancelAtPeriodEnd"
ON CONFLICT DO NOTHING;
