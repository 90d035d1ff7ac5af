import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Dialect as KyselyDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

/** The two backends (docs/decisions/010-postgresql-and-invariants.md). */
export type Dialect = "sqlite" | "postgres";

export const DEFAULT_DATABASE_PATH = "./data/tryggve.sqlite";

/** True for a `postgres://` or `postgresql://` connection string (DATABASE_URL); anything else is a SQLite file name. */
export function isPostgresUrl(target: string | undefined): target is string {
  return typeof target === "string" && /^postgres(ql)?:\/\//i.test(target);
}

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

// pg hands 64-bit integers (count(*), sum(integer)) and numerics back as strings, because
// they may not fit a JS number. Every such value here is a count or a sum of small integers,
// so they are numbers, as better-sqlite3 gives them. Per pool, not pg's global parsers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A pg pool with the app's settings (type parsers; `max` connections, 10 unless given). */
export function createPgPool(connectionString: string, opts: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, types: pgTypes, max: opts.max ?? 10 });
  // An idle client that loses its server (a restart) emits here; without a listener it would crash the process.
  pool.on("error", () => {});
  return pool;
}

/**
 * better-sqlite3 with its prepared statements kept (Kysely's SQLite driver prepares every query
 * anew, which costs more than running a point read). Kysely runs one query at a time on its one
 * connection, so a cached statement is never busy when it is reused; SQLite re-prepares a
 * statement by itself after a schema change. At most `max` statements, least recently used out.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): Pick<SQLite.Database, "prepare" | "close"> {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    close: () => sqlite.close(),
  } as Pick<SQLite.Database, "prepare" | "close">;
}

// The driver handle under each Kysely instance from createDb (Kysely keeps its own private).
// A global symbol, not a module-level map: the server entry and the Remix build each load
// their own copy of this module, and both must find the handle on the same db object.
const HANDLE = Symbol.for("tryggve.sqliteHandle");
const PG_POOL = Symbol.for("tryggve.pgPool");

/**
 * Opens the database: a `postgres://…` URL (DATABASE_URL) gives Kysely's PostgresDialect over a
 * pg pool; anything else is a SQLite file (DATABASE_PATH, `:memory:` in tests), the default.
 */
export function createDb(target: string = DEFAULT_DATABASE_PATH, opts: { poolMax?: number } = {}): DB {
  if (isPostgresUrl(target)) {
    const pool = createPgPool(target, { max: opts.poolMax });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    Object.defineProperty(db, PG_POOL, { value: pool });
    return db;
  }
  const sqlite = openSqlite(target);
  const dialect: KyselyDialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<Database>({ dialect });
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

/** The pg pool behind a PostgreSQL database from createDb (rate-limiter-flexible's Postgres store). */
export function pgPool(db: DB): pg.Pool | undefined {
  return (db as DB & { [PG_POOL]?: pg.Pool })[PG_POOL];
}

/**
 * Which backend a Kysely instance (or a transaction from it) talks to. Branch on it only where
 * the two truly differ, and only in db/ or app/domain/common: everything else is plain Kysely.
 */
/** A Kysely instance or transaction over any schema (migrations use Kysely<unknown>). */
type HasExecutor = Pick<Kysely<unknown>, "getExecutor">;

export function dialectOf(db: HasExecutor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

export function isPostgres(db: HasExecutor): boolean {
  return dialectOf(db) === "postgres";
}

/** What the CLIs open: DATABASE_URL when set, else DATABASE_PATH, else the default SQLite file. */
export function databaseTarget(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : (env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
}

/** A database target fit for a log line: a URL's password replaced by ***. */
export function redactUrl(target: string): string {
  if (!isPostgresUrl(target) || !URL.canParse(target)) return target;
  const u = new URL(target);
  if (u.password) u.password = "***";
  return u.toString();
}
