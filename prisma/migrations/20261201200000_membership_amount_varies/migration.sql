-- CreateTable
CREATE TABLE "MembershipAmountVaries" (
    "membershipId" TEXT NOT NULL,

    CONSTRAINT "MembershipAmountVaries_pkey" PRIMARY KEY ("membershipId")
);

-- AddForeignKey
ALTER TABLE "MembershipAmountVaries" ADD CONSTRAINT "MembershipAmountVaries_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A membership whose history gains a second amount is marked, once. The function body is an E'' string with
-- \x3b for each semicolon: Prisma's pg adapter runs a migration statement by statement (see the daily totals).
CREATE FUNCTION "MembershipAmountVaries_mark"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "MembershipAmountVaries" ("membershipId")
  SELECT DISTINCT n."membershipId" FROM new_rows n
   WHERE EXISTS (SELECT 1 FROM "MembershipChange" c WHERE c."membershipId" = n."membershipId" AND c.amount <> n.amount)
  ON CONFLICT DO NOTHING\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "MembershipChange_amountVaries" AFTER INSERT ON "MembershipChange"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "MembershipAmountVaries_mark"();

-- The history so far.
INSERT INTO "MembershipAmountVaries" ("membershipId")
SELECT "membershipId" FROM "MembershipChange" GROUP BY 1 HAVING count(DISTINCT amount) > 1;
