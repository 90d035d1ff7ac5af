/**
 * Migrations 0001-0006 call the dialect-aware column helpers (db/migrations/columns.ts) so they
 * mean the same on PostgreSQL. On SQLite they must produce exactly the schema they always did:
 * the SQL that sqlite_master holds after them is compared byte for byte with the dump taken from
 * the migrations as they first landed (test/fixtures/sqlite-schema-0001-0006.sql).
 */
import fs from "node:fs";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../db/connection";
import { migrations } from "../../../db/migrations";

const FIXTURE = path.resolve("test/fixtures/sqlite-schema-0001-0006.sql");
const FIRST_SIX = ["0001_foundation", "0002_dialogues", "0003_questions", "0004_walks", "0005_measures", "0006_measure_checks"];

/** Every table's and index's SQL after migrations 0001-0006, in a stable order. */
async function dumpSqliteSchema(): Promise<string> {
  const db = createDb(":memory:");
  try {
    const subset = Object.fromEntries(FIRST_SIX.map((name) => [name, migrations[name]!]));
    const result = await new Migrator({ db, provider: { getMigrations: async () => subset } }).migrateToLatest();
    if (result.error) throw result.error;
    const rows = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master
      where name not like 'sqlite_%' and name not like 'kysely_%'
      order by type, name`.execute(db);
    return rows.rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? "(implicit)"};\n`).join("\n");
  } finally {
    await db.destroy();
  }
}

describe("SQLite DDL of migrations 0001-0006", () => {
  it("is byte-identical to the schema they produced before the dialect-aware helpers", async () => {
    const dump = await dumpSqliteSchema();
    if (process.env.UPDATE_SQLITE_DDL_FIXTURE === "1") fs.writeFileSync(FIXTURE, dump);
    expect(dump).toBe(fs.readFileSync(FIXTURE, "utf8"));
  });
});
