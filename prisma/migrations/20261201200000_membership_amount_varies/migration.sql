-- CreateTable
CREATE TABLE "MembershipAmountVaries" (
    "membershipId" TEXT NOT NULL,
    "sinceAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MembershipAmountVaries_pkey" PRIMARY KEY ("membershipId")
);

-- CreateIndex
CREATE INDEX "MembershipAmountVaries_sinceAt_idx" ON "MembershipAmountVaries"("sinceAt");

-- AddForeignKey
ALTER TABLE "MembershipAmountVaries" ADD CONSTRAINT "MembershipAmountVaries_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A membership whose history gains a second amount is marked, once. The function body is an E'' string with
-- \x3b for each semicolon: Prisma's pg adapter runs a migration statement by statement (see the daily totals).
CREATE FUNCTION "MembershipAmountVaries_mark"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "MembershipAmountVaries" ("membershipId", "sinceAt")
  SELECT m.id, "MembershipAmountVaries_since"(m.id)
    FROM (SELECT DISTINCT "membershipId" AS id FROM new_rows) m
   WHERE (SELECT count(DISTINCT c.amount) FROM "MembershipChange" c WHERE c."membershipId" = m.id) > 1
  ON CONFLICT ("membershipId") DO UPDATE SET "sinceAt" = excluded."sinceAt"\x3b
  RETURN NULL\x3b
END';

-- When a membership's latest amount (its latest state's, the larger at one instant, as the overview reads it)
-- took effect: its first state with that amount since the last state with another (at that same instant, if
-- they tie). Never null: at worst the latest state's own time.
CREATE FUNCTION "MembershipAmountVaries_since"(membership TEXT) RETURNS TIMESTAMPTZ(3) LANGUAGE sql STABLE AS E'
  WITH latest AS (
    SELECT amount, at FROM "MembershipChange" WHERE "membershipId" = membership ORDER BY at DESC, amount DESC LIMIT 1
  ), other AS (
    SELECT max(c.at) AS at FROM "MembershipChange" c, latest
     WHERE c."membershipId" = membership AND c.amount <> latest.amount
  )
  SELECT COALESCE(
    (SELECT min(c.at) FROM "MembershipChange" c
      WHERE c."membershipId" = membership
        AND c.amount = (SELECT amount FROM latest)
        AND ((SELECT at FROM other) IS NULL OR c.at >= (SELECT at FROM other))),
    (SELECT at FROM latest))
';

CREATE TRIGGER "MembershipChange_amountVaries" AFTER INSERT ON "MembershipChange"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "MembershipAmountVaries_mark"();

-- The history so far.
INSERT INTO "MembershipAmountVaries" ("membershipId", "sinceAt")
SELECT "membershipId", "MembershipAmountVaries_since"("membershipId")
  FROM "MembershipChange" GROUP BY 1 HAVING count(DISTINCT amount) > 1;
