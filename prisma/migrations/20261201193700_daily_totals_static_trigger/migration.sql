-- "DailyTotal_apply" with one static statement per table and operation, instead of building the statement with
-- "DailyTotal_sql" and EXECUTE on every trigger call: PL/pgSQL keeps a static statement's plan for the session,
-- where EXECUTE parsed and planned it anew each time. A transaction that inserts then updates a payment, on the
-- bench's 1 000 000-payment database, triggers on against off in alternated blocks: 3.03 against 1.33 ms with
-- the EXECUTE (+1.7 ms), 0.93 against 0.58 ms with this (+0.35 ms), in two runs on a loaded machine. The statements are "DailyTotal_sql"'s, as it returns
-- them for each table and each operation's transition tables, so the totals are computed as before:
-- "DailyTotal_sql" stays for the backfill and for tests that recompute the totals. The body is an E'' string
-- with \x3b for each semicolon (see 20261201184423_daily_totals).
CREATE OR REPLACE FUNCTION "DailyTotal_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_TABLE_NAME = ''Payment'' THEN
    IF TG_OP = ''INSERT'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, (m.at AT TIME ZONE ''UTC'')::date, r.status::text, r.kind::text, r.currency, '''', r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES (''PAYMENT_PAID''::"DailyMeasure", r."paidAt"),
                                      (''PAYMENT_CREATED''::"DailyMeasure", r."createdAt")) AS m (measure, at)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''DELETE'' THEN
      WITH changed AS (SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, (m.at AT TIME ZONE ''UTC'')::date, r.status::text, r.kind::text, r.currency, '''', r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES (''PAYMENT_PAID''::"DailyMeasure", r."paidAt"),
                                      (''PAYMENT_CREATED''::"DailyMeasure", r."createdAt")) AS m (measure, at)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''UPDATE'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, (m.at AT TIME ZONE ''UTC'')::date, r.status::text, r.kind::text, r.currency, '''', r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES (''PAYMENT_PAID''::"DailyMeasure", r."paidAt"),
                                      (''PAYMENT_CREATED''::"DailyMeasure", r."createdAt")) AS m (measure, at)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    END IF\x3b
  ELSIF TG_TABLE_NAME = ''Refund'' THEN
    IF TG_OP = ''INSERT'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''REFUND_CREATED''::"DailyMeasure", (r."createdAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''DELETE'' THEN
      WITH changed AS (SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''REFUND_CREATED''::"DailyMeasure", (r."createdAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''UPDATE'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''REFUND_CREATED''::"DailyMeasure", (r."createdAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    END IF\x3b
  ELSIF TG_TABLE_NAME = ''Dispute'' THEN
    IF TG_OP = ''INSERT'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''DISPUTE_LOST''::"DailyMeasure", (r."lostAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r
           WHERE r."lostAt" IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''DELETE'' THEN
      WITH changed AS (SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''DISPUTE_LOST''::"DailyMeasure", (r."lostAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r
           WHERE r."lostAt" IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''UPDATE'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT ''DISPUTE_LOST''::"DailyMeasure", (r."lostAt" AT TIME ZONE ''UTC'')::date, r.status, '''', r.currency, '''',
                 r.sign, r.amount
            FROM changed r
           WHERE r."lostAt" IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    END IF\x3b
  ELSIF TG_TABLE_NAME = ''Membership'' THEN
    IF TG_OP = ''INSERT'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, d.day, r.status::text, r.interval::text, r.currency, m.relation, r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES
             (''MEMBERSHIP_STARTED''::"DailyMeasure", r."startedAt",
              CASE WHEN r."endedAt" IS NOT NULL
                   THEN CASE WHEN r."endedAt" > r."startedAt" THEN ''ended-after'' ELSE ''ended-before'' END
                   ELSE CASE WHEN r."stateAt" > r."startedAt" THEN ''state-after'' ELSE ''state-before'' END END),
             (''MEMBERSHIP_ENDED''::"DailyMeasure", r."endedAt",
              CASE WHEN r."endedAt" > r."startedAt" THEN ''after'' ELSE ''before'' END),
             (''MEMBERSHIP_STATE''::"DailyMeasure", CASE WHEN r."endedAt" IS NULL THEN r."stateAt" END,
              CASE WHEN r."stateAt" > r."startedAt" THEN ''after'' ELSE ''before'' END)
           ) AS m (measure, at, relation)
           CROSS JOIN LATERAL (VALUES ((m.at AT TIME ZONE ''UTC'')::date), (''infinity''::date)) AS d (day)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''DELETE'' THEN
      WITH changed AS (SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, d.day, r.status::text, r.interval::text, r.currency, m.relation, r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES
             (''MEMBERSHIP_STARTED''::"DailyMeasure", r."startedAt",
              CASE WHEN r."endedAt" IS NOT NULL
                   THEN CASE WHEN r."endedAt" > r."startedAt" THEN ''ended-after'' ELSE ''ended-before'' END
                   ELSE CASE WHEN r."stateAt" > r."startedAt" THEN ''state-after'' ELSE ''state-before'' END END),
             (''MEMBERSHIP_ENDED''::"DailyMeasure", r."endedAt",
              CASE WHEN r."endedAt" > r."startedAt" THEN ''after'' ELSE ''before'' END),
             (''MEMBERSHIP_STATE''::"DailyMeasure", CASE WHEN r."endedAt" IS NULL THEN r."stateAt" END,
              CASE WHEN r."stateAt" > r."startedAt" THEN ''after'' ELSE ''before'' END)
           ) AS m (measure, at, relation)
           CROSS JOIN LATERAL (VALUES ((m.at AT TIME ZONE ''UTC'')::date), (''infinity''::date)) AS d (day)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    ELSIF TG_OP = ''UPDATE'' THEN
      WITH changed AS (SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows), contributions (measure, day, status, kind, currency, relation, sign, amount) AS (
          SELECT m.measure, d.day, r.status::text, r.interval::text, r.currency, m.relation, r.sign, r.amount
            FROM changed r
           CROSS JOIN LATERAL (VALUES
             (''MEMBERSHIP_STARTED''::"DailyMeasure", r."startedAt",
              CASE WHEN r."endedAt" IS NOT NULL
                   THEN CASE WHEN r."endedAt" > r."startedAt" THEN ''ended-after'' ELSE ''ended-before'' END
                   ELSE CASE WHEN r."stateAt" > r."startedAt" THEN ''state-after'' ELSE ''state-before'' END END),
             (''MEMBERSHIP_ENDED''::"DailyMeasure", r."endedAt",
              CASE WHEN r."endedAt" > r."startedAt" THEN ''after'' ELSE ''before'' END),
             (''MEMBERSHIP_STATE''::"DailyMeasure", CASE WHEN r."endedAt" IS NULL THEN r."stateAt" END,
              CASE WHEN r."stateAt" > r."startedAt" THEN ''after'' ELSE ''before'' END)
           ) AS m (measure, at, relation)
           CROSS JOIN LATERAL (VALUES ((m.at AT TIME ZONE ''UTC'')::date), (''infinity''::date)) AS d (day)
           WHERE m.at IS NOT NULL )
        INSERT INTO "DailyTotal" AS t ("measure", "day", "status", "kind", "currency", "relation", "count", "amount")
        SELECT measure, day, status, kind, currency, relation, sum(sign)::int, sum(sign * amount::bigint)
          FROM contributions
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(sign) <> 0 OR sum(sign * amount::bigint) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("measure", "day", "status", "kind", "currency", "relation")
        DO UPDATE SET "count" = t."count" + excluded."count", "amount" = t."amount" + excluded."amount"\x3b
    END IF\x3b
  END IF\x3b
  RETURN NULL\x3b
END
';
