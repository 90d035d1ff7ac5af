import { hashPassword } from "../../app/domain/staff/password.server";
import { createDb, databaseTarget, redactUrl } from "../connection";
import { migrateToLatest } from "../migrate";
import { isEmpty, seedDemo } from "../seed";

const file = databaseTarget();
const db = createDb(file);
await migrateToLatest(db);
if (await isEmpty(db)) {
  await seedDemo(db, { hashPassword });
  console.log(`Demo data seeded into ${redactUrl(file)}`);
} else {
  console.log(`${redactUrl(file)} already has data; nothing seeded (use npm run db:reset for a fresh database).`);
}
await db.destroy();
