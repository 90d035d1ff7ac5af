import fs from "node:fs";
import { hashPassword } from "../../app/domain/staff/password.server";
import { createDb, DEFAULT_DATABASE_PATH } from "../connection";
import { migrateToLatest } from "../migrate";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "../seed";

// Deletes the database file and builds a fresh one with deterministic demo data.
const file = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
const db = createDb(file);
await migrateToLatest(db);
await seedDemo(db, { hashPassword });
await db.destroy();
console.log(`Fresh database with demo data: ${file}`);
console.log(`Demo staff accounts (password "${DEMO_PASSWORD}"):`);
for (const s of DEMO_STAFF) console.log(`  ${s.role.padEnd(12)} ${s.email}`);
