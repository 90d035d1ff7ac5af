import { createDb, databaseTarget, redactUrl } from "../connection";
import { migrateToLatest } from "../migrate";

const file = databaseTarget();
const db = createDb(file);
const result = await migrateToLatest(db);
for (const r of result.results ?? []) console.log(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}`);
if (!result.results?.length) console.log("Database is up to date.");
console.log(`Database: ${redactUrl(file)}`);
await db.destroy();
