/**
 * Adds a staff account from the command line:
 *   npm run staff:create -- --email a@b.se --name "Namn" --role moderator [--organisation "Stockholmshem"]
 * The password is read from STAFF_PASSWORD or prompted for (not echoed to logs).
 */
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { createDb, DEFAULT_DATABASE_PATH } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { NewStaffSchema } from "../app/domain/staff/staff.schema";
import { createStaff } from "../app/domain/staff/staff.server";
import { serverT } from "../app/i18n/i18n";
import { tKey } from "../app/i18n/keys";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    organisation: { type: "string" },
  },
});

const t = serverT("en");
let password = process.env.STAFF_PASSWORD;
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (at least 12 characters): ");
  rl.close();
}

const db = createDb(process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
await migrateToLatest(db);
let organisationId = "";
if (values.organisation) {
  const org = await db.selectFrom("organisations").select("id").where("name", "=", values.organisation).executeTakeFirst();
  if (!org) {
    console.error(`Unknown organisation: ${values.organisation}`);
    process.exit(2);
  }
  organisationId = String(org.id);
}
const parsed = NewStaffSchema.safeParse({ email: values.email ?? "", name: values.name ?? "", role: values.role ?? "", organisationId, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${tKey(t, issue.message)}`);
  console.error("Roles: admin, moderator, panelist, walk_leader");
  process.exit(2);
}
const result = await createStaff(db, { id: null, email: "cli" }, parsed.data, null);
await db.destroy();
if (!result.ok) {
  console.error(`${result.field}: ${t(result.error)}`);
  process.exit(2);
}
console.log(`Created ${parsed.data.role} ${parsed.data.email} (id ${result.id}).`);
