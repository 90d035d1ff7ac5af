import { createDb, DEFAULT_DATABASE_PATH } from "../connection";
import { migrateToLatest } from "../migrate";

const file = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
const db = createDb(file);
const result = await migrateToLatest(db);
for (const r of result.results ?? []) console.log(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}`);
if (!result.results?.length) console.log("Database is up to date.");
console.log(`Database: ${file}`);
await db.destroy();
