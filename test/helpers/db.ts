import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "kysely";
import { inject } from "vitest";
import { createDb, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

/** The backend this run tests (TEST_DATABASE=postgres in the environment; test/global-setup.ts). */
export function testBackend(): "sqlite" | "postgres" {
  return inject("testDatabase")?.backend ?? "sqlite";
}

export const onPostgres = () => testBackend() === "postgres";

let admin: pg.Pool | undefined;
/** One small connection pool per test file to the server's `postgres` database, for CREATE/DROP DATABASE. */
function adminPool(url: string): pg.Pool {
  admin ??= new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return admin;
}

/** The URL of the same server and credentials, naming another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated PostgreSQL database: a copy of the template that global setup migrated once
 * (CREATE DATABASE … TEMPLATE copies files, so it costs milliseconds, not a migration run).
 * Dropped when the db is destroyed. Returns the URL (e.g. for a spawned server).
 */
export async function createPostgresTestDatabase(opts: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const t = inject("testDatabase");
  if (t?.backend !== "postgres") throw new Error("not a PostgreSQL test run (TEST_DATABASE=postgres)");
  const name = `t_${process.pid}_${crypto.randomBytes(5).toString("hex")}`;
  const pool = adminPool(t.adminUrl);
  await pool.query(`create database "${name}" template "${opts.empty ? "template0" : t.template}" strategy file_copy`);
  return { url: withDatabase(t.adminUrl, name), drop: async () => void (await pool.query(`drop database if exists "${name}" with (force)`)) };
}

/**
 * A fresh database with the real migrations. On SQLite: in memory by default; `{ file: true }`
 * uses a temporary file (for tests that need WAL or two connections). On PostgreSQL
 * (TEST_DATABASE=postgres): a database of its own on the run's server; `filename` is its URL.
 */
export async function createTestDb(opts: { file?: boolean } = {}): Promise<DB & { filename: string }> {
  if (onPostgres()) {
    const { url, drop } = await createPostgresTestDatabase();
    const db = createDb(url);
    const destroy = db.destroy.bind(db);
    return Object.assign(db, {
      filename: url,
      destroy: async () => {
        await destroy();
        await drop();
      },
    });
  }
  const filename = opts.file ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-test-")), "test.sqlite") : ":memory:";
  const db = createDb(filename);
  await migrateToLatest(db);
  return Object.assign(db, { filename });
}

/** The app's tables (the migrator's and the rate limiters' included), by name, on either backend. */
export async function tableNames(db: DB): Promise<string[]> {
  const rows = onPostgres()
    ? await sql<{
        name: string;
      }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Every row of a table in a stable order (SQLite: rowid; PostgreSQL, which has none: by content). */
export async function tableRows(db: DB, name: string): Promise<Array<Record<string, unknown>>> {
  if (!onPostgres()) return (await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by rowid`.execute(db)).rows;
  const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
  return rows
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/**
 * An empty database for a server or CLI process a test starts, as the environment names it:
 * DATABASE_PATH of a new SQLite file, or on a PostgreSQL run DATABASE_URL of a new, empty
 * (unmigrated) database. `target` is what createDb opens to look at it afterwards.
 */
export async function emptyDatabaseForProcess(): Promise<{ env: Record<string, string>; target: string; drop: () => Promise<void> }> {
  if (onPostgres()) {
    const { url, drop } = await createPostgresTestDatabase({ empty: true });
    return { env: { DATABASE_URL: url }, target: url, drop };
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-process-")), "db.sqlite");
  return { env: { DATABASE_PATH: file }, target: file, drop: async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }) };
}
