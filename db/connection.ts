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
  // TRYGGVE_SQLITE_BINDING: a better-sqlite3 native module built for another Node version (scripts/node24.mjs).
  const nativeBinding = process.env.TRYGGVE_SQLITE_BINDING;
  const sqlite = new SQLite(filename, nativeBinding ? { nativeBinding } : {});
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

// The driver handle under each Kysely instance from createDb (Kysely keeps its own private).
// A global symbol, not a module-level map: the server entry and the Remix build each load
// their own copy of this module, and both must find the handle on the same db object.
const HANDLE = Symbol.for("tryggve.sqliteHandle");

export function createDb(filename: string = DEFAULT_DATABASE_PATH): DB {
  const sqlite = openSqlite(filename);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  Object.defineProperty(db, HANDLE, { value: sqlite });
  return db;
}

/**
 * The better-sqlite3 handle behind a database from createDb, for libraries that take the
 * driver itself (rate-limiter-flexible's SQLite store). Undefined for any other instance.
 */
export function sqliteHandle(db: DB): SQLite.Database | undefined {
  return (db as DB & { [HANDLE]?: SQLite.Database })[HANDLE];
}
