import { exec, q } from "../db/query";
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
  await exec(
    sql,
    q
      .with("existing", (db) =>
        db.selectFrom("ReaderKey").select("supporterId").where("key", "=", readerKey),
      )
      .with("created", (db) =>
        db
          .insertInto("ReaderKey")
          .columns(["key", "supporterId"])
          .expression(
            db
              .selectNoFrom((eb) => [
                eb.cast<string>(eb.val(readerKey), "text").as("key"),
                eb.cast<string>(eb.val(supporterId), "text").as("supporterId"),
              ])
              .where(({ not, exists, selectFrom }) =>
                not(exists(selectFrom("existing").select("supporterId"))),
              ),
          ),
      )
      .updateTable("RemindLater")
      .set({ supporterId })
      .where("readerKey", "=", readerKey)
      .where("supporterId", "is", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("existing").select("supporterId").where("supporterId", "<>", supporterId),
          ),
        ),
      ),
  );
}
