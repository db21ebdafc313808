-- CreateEnum
CREATE TYPE "DailyMeasure" AS ENUM ('PAYMENT_PAID', 'PAYMENT_CREATED', 'REFUND_CREATED', 'DISPUTE_LOST', 'MEMBERSHIP_STARTED', 'MEMBERSHIP_ENDED', 'MEMBERSHIP_STATE');

-- CreateIndex
CREATE INDEX "Membership_status_stateAt_idx" ON "Membership"("status", "stateAt");

-- CreateTable
CREATE TABLE "DailyTotal" (
    "measure" "DailyMeasure" NOT NULL,
    "day" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "relation" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "DailyTotal_pkey" PRIMARY KEY ("measure","day","status","kind","currency","relation")
);

-- Hand-written below (Prisma's schema cannot say it): the statement triggers that keep "DailyTotal" equal to the
-- totals of the rows, in the transaction that changes them, and the backfill of the rows already there.
--
-- "DailyTotal_sql"(table, changed) is the statement that adds the daily totals of `changed` (a query over one
-- of the four tables' rows with a leading `sign` column: +1 to add a row, -1 to take it away) to "DailyTotal".
-- Each row gives one contribution per measure it has a time for: contributions are summed per key first (so an
-- UPDATE that moves nothing the totals see nets to zero and writes nothing), then upserted in key order (two
-- transactions touching the same keys take their row locks in the same order) with increments, so concurrent
-- writers add up instead of overwriting each other. No business rule is here: statuses are kept as they are and
-- the readers (lib/dashboard/daily-totals.ts) apply lib/rules. A membership's contributions are also added on
-- the day 'infinity', the all-time totals, so the members at a time are read as all-time less what came after.
CREATE FUNCTION "DailyTotal_sql"(source text, changed text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  WITH changed AS (%s), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (%s)
  INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
  SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
    FROM contributions
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
  DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"
$q$, changed, CASE source
  WHEN 'Payment' THEN $q$
    SELECT m.measure, (m.at AT TIME ZONE 'UTC')::date, r.status::text, r.kind::text, r.currency, '', r.sign, r.amount
      FROM changed r
     CROSS JOIN LATERAL (VALUES ('PAYMENT_PAID'::"DailyMeasure", r."paidAt"),
                                ('PAYMENT_CREATED'::"DailyMeasure", r."createdAt")) AS m (measure, at)
     WHERE m.at IS NOT NULL $q$
  WHEN 'Refund' THEN $q$
    SELECT 'REFUND_CREATED'::"DailyMeasure", (r."createdAt" AT TIME ZONE 'UTC')::date, r.status, '', r.currency, '',
           r.sign, r.amount
      FROM changed r $q$
  WHEN 'Dispute' THEN $q$
    SELECT 'DISPUTE_LOST'::"DailyMeasure", (r."lostAt" AT TIME ZONE 'UTC')::date, r.status, '', r.currency, '',
           r.sign, r.amount
      FROM changed r
     WHERE r."lostAt" IS NOT NULL $q$
  WHEN 'Membership' THEN $q$
    SELECT m.measure, d.day, r.status::text, r.interval::text, r.currency, m.relation, r.sign, r.amount
      FROM changed r
     CROSS JOIN LATERAL (VALUES
       ('MEMBERSHIP_STARTED'::"DailyMeasure", r."startedAt",
        CASE WHEN r."endedAt" IS NOT NULL
             THEN CASE WHEN r."endedAt" > r."startedAt" THEN 'ended-after' ELSE 'ended-before' END
             ELSE CASE WHEN r."stateAt" > r."startedAt" THEN 'state-after' ELSE 'state-before' END END),
       ('MEMBERSHIP_ENDED'::"DailyMeasure", r."endedAt",
        CASE WHEN r."endedAt" > r."startedAt" THEN 'after' ELSE 'before' END),
       ('MEMBERSHIP_STATE'::"DailyMeasure", CASE WHEN r."endedAt" IS NULL THEN r."stateAt" END,
        CASE WHEN r."stateAt" > r."startedAt" THEN 'after' ELSE 'before' END)
     ) AS m (measure, at, relation)
     CROSS JOIN LATERAL (VALUES ((m.at AT TIME ZONE 'UTC')::date), ('infinity'::date)) AS d (day)
     WHERE m.at IS NOT NULL $q$
END)
$fn$;

-- The function bodies below are E'' strings with \x3b for each semicolon: Prisma's pg adapter runs a migration
-- by splitting it at every semicolon, dollar quotes or not. (So none inside a statement, comments included.)
--
-- One function for every table's INSERT, UPDATE and DELETE triggers: the statement's transition tables are the
-- rows added (+1) and taken away (-1).
CREATE FUNCTION "DailyTotal_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  EXECUTE "DailyTotal_sql"(TG_TABLE_NAME, CASE TG_OP
    WHEN ''INSERT'' THEN ''SELECT 1 AS sign, * FROM new_rows''
    WHEN ''DELETE'' THEN ''SELECT -1 AS sign, * FROM old_rows''
    ELSE ''SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'' END)\x3b
  RETURN NULL\x3b
END
';

-- TRUNCATE (tests and the webhook bench reset tables with it) takes the table's totals with it.
CREATE FUNCTION "DailyTotal_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "DailyTotal" WHERE "measure" = ANY (CASE TG_TABLE_NAME
    WHEN ''Payment'' THEN ARRAY[''PAYMENT_PAID'', ''PAYMENT_CREATED'']::"DailyMeasure"[]
    WHEN ''Refund'' THEN ARRAY[''REFUND_CREATED'']::"DailyMeasure"[]
    WHEN ''Dispute'' THEN ARRAY[''DISPUTE_LOST'']::"DailyMeasure"[]
    WHEN ''Membership'' THEN ARRAY[''MEMBERSHIP_STARTED'', ''MEMBERSHIP_ENDED'', ''MEMBERSHIP_STATE'']::"DailyMeasure"[]
  END)\x3b
  RETURN NULL\x3b
END
';

-- The triggers and the backfill of the rows already there, in one statement and so one transaction: CREATE
-- TRIGGER locks out writers to the table until it commits, so no row is written between the backfill's read and
-- the triggers taking over.
DO E'
BEGIN
  CREATE TRIGGER "Payment_dailyTotal_insert" AFTER INSERT ON "Payment"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Payment_dailyTotal_update" AFTER UPDATE ON "Payment"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Payment_dailyTotal_delete" AFTER DELETE ON "Payment"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Payment_dailyTotal_truncate" AFTER TRUNCATE ON "Payment"
    FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_truncate"()\x3b
  CREATE TRIGGER "Refund_dailyTotal_insert" AFTER INSERT ON "Refund"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Refund_dailyTotal_update" AFTER UPDATE ON "Refund"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Refund_dailyTotal_delete" AFTER DELETE ON "Refund"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Refund_dailyTotal_truncate" AFTER TRUNCATE ON "Refund"
    FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_truncate"()\x3b
  CREATE TRIGGER "Dispute_dailyTotal_insert" AFTER INSERT ON "Dispute"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Dispute_dailyTotal_update" AFTER UPDATE ON "Dispute"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Dispute_dailyTotal_delete" AFTER DELETE ON "Dispute"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Dispute_dailyTotal_truncate" AFTER TRUNCATE ON "Dispute"
    FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_truncate"()\x3b
  CREATE TRIGGER "Membership_dailyTotal_insert" AFTER INSERT ON "Membership"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Membership_dailyTotal_update" AFTER UPDATE ON "Membership"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Membership_dailyTotal_delete" AFTER DELETE ON "Membership"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_apply"()\x3b
  CREATE TRIGGER "Membership_dailyTotal_truncate" AFTER TRUNCATE ON "Membership"
    FOR EACH STATEMENT EXECUTE FUNCTION "DailyTotal_truncate"()\x3b
  EXECUTE "DailyTotal_sql"(''Payment'', ''SELECT 1 AS sign, * FROM "Payment"'')\x3b
  EXECUTE "DailyTotal_sql"(''Refund'', ''SELECT 1 AS sign, * FROM "Refund"'')\x3b
  EXECUTE "DailyTotal_sql"(''Dispute'', ''SELECT 1 AS sign, * FROM "Dispute"'')\x3b
  EXECUTE "DailyTotal_sql"(''Membership'', ''SELECT 1 AS sign, * FROM "Membership"'')\x3b
END
';
