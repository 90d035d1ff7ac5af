import fs from "node:fs";
import { sql } from "kysely";
import { hashPassword } from "../../app/domain/staff/password.server";
import { createDb, databaseTarget, isPostgresUrl, redactUrl } from "../connection";
import { migrateToLatest } from "../migrate";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "../seed";

// Empties the database (SQLite: deletes the file; PostgreSQL: drops and recreates the public
// schema) and builds a fresh one with deterministic demo data.
const target = databaseTarget();
if (!isPostgresUrl(target)) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
}
const db = createDb(target);
if (isPostgresUrl(target)) {
  await sql`drop schema if exists public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
await migrateToLatest(db);
await seedDemo(db, { hashPassword });
await db.destroy();
console.log(`Fresh database with demo data: ${redactUrl(target)}`);
console.log(`Demo staff accounts (password "${DEMO_PASSWORD}"):`);
for (const s of DEMO_STAFF) console.log(`  ${s.role.padEnd(12)} ${s.email}`);
