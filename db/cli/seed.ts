import { hashPassword } from "../../app/domain/staff/password.server";
import { createDb, DEFAULT_DATABASE_PATH } from "../connection";
import { migrateToLatest } from "../migrate";
import { isEmpty, seedDemo } from "../seed";

const file = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
const db = createDb(file);
await migrateToLatest(db);
if (await isEmpty(db)) {
  await seedDemo(db, { hashPassword });
  console.log(`Demo data seeded into ${file}`);
} else {
  console.log(`${file} already has data; nothing seeded (use npm run db:reset for a fresh database).`);
}
await db.destroy();
