import type { Sql } from "../db/sql";

/**
 * Ties an anonymous browser's key to a person (on payment or sign-in): its remind-laters become theirs and so
 * follow them to every device they sign in on. A key already tied to someone else stays with them.
 * One statement; two transactions creating the same key at once collide on it and the loser is retried.
 */
export async function linkReaderKey(
  sql: Sql,
  readerKey: string,
  supporterId: string,
): Promise<void> {
  await sql.query(
    `WITH existing AS (SELECT "supporterId" FROM "ReaderKey" WHERE "key" = $1),
     created AS (
       INSERT INTO "ReaderKey" ("key", "supporterId") SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM existing)
     )
     UPDATE "RemindLater" SET "supporterId" = $2
     WHERE "readerKey" = $1 AND "supporterId" IS NULL AND NOT EXISTS (SELECT 1 FROM existing WHERE "supporterId" <> $2)`,
    [readerKey, supporterId],
  );
}
