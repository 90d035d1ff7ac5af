import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = "./data/tryggve.sqlite";

/**
 * The one place a SQLite connection is opened. Every connection gets the same
 * pragmas: WAL for concurrent readers, enforced foreign keys, a busy timeout
 * instead of immediate SQLITE_BUSY, and NORMAL sync (safe with WAL).
 */
export function openSqlite(filename: string): SQLite.Database {
  if (filename !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  }
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function createDb(filename: string = DEFAULT_DATABASE_PATH): DB {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(filename) }),
  });
}
