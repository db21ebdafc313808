import { q, textValue } from "../db/query";
import { prepare } from "../db/prepared";
import type { Sql } from "../db/sql";

const LINK = prepare((p: { readerKey: string; supporterId: string }) =>
  q
    .with("existing", (db) =>
      db.selectFrom("ReaderKey").select("supporterId").where("key", "=", p.readerKey),
    )
    .with("created", (db) =>
      db
        .insertInto("ReaderKey")
        .columns(["key", "supporterId"])
        .expression(
          db
            .selectNoFrom([
              textValue(p.readerKey).as("key"),
              textValue(p.supporterId).as("supporterId"),
            ])
            .where(({ not, exists, selectFrom }) =>
              not(exists(selectFrom("existing").select("supporterId"))),
            ),
        ),
    )
    .updateTable("RemindLater")
    .set({ supporterId: p.supporterId })
    .where("readerKey", "=", p.readerKey)
    .where("supporterId", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("existing").select("supporterId").where("supporterId", "<>", p.supporterId),
        ),
      ),
    ),
);

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
  await LINK.exec(sql, { readerKey, supporterId });
}
