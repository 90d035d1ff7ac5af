/**
 * Explicit guards for read-then-write rules (seats, per-device limits, votes). A
 * guarded transaction first takes the write lock on its parent row with a no-op
 * update: on PostgreSQL that is a row lock held to the end of the transaction (what
 * `SELECT … FOR UPDATE` gives, and it compiles on SQLite too); on SQLite it takes the
 * database's write lock. Either way a second transaction on the same parent waits
 * until the first has committed, so the count it reads includes the first one's row.
 */
import { sql, type Transaction } from "kysely";
import { isPostgres } from "../../../db/connection";
import type { Database } from "../../../db/schema";

export type LockableTable = "dialogues" | "walks" | "questions" | "measures" | "cameras";

/** Locks one parent row for the rest of the transaction; false when the row does not exist. */
export async function lockRow(trx: Transaction<Database>, table: LockableTable, id: number): Promise<boolean> {
  const result = await sql`update ${sql.table(table)} set id = id where id = ${id}`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** A unique-constraint violation, recognised by the driver's error code (SQLite and PostgreSQL), never by message text. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/**
 * Whether a claim may pick rows with `FOR UPDATE SKIP LOCKED` (PostgreSQL: concurrent workers
 * each take a different row instead of queueing on the same one). SQLite has no row locks and
 * no such clause; there one writer runs at a time anyway. A claim must still be a
 * compare-and-set (its update repeats the claimable condition): this only saves a lost turn.
 */
export function canSkipLocked(db: Pick<Transaction<Database>, "getExecutor">): boolean {
  return isPostgres(db);
}
