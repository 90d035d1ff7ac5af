/**
 * Adds a staff account from the command line:
 *   npm run staff:create -- --email a@b.se --name "Namn" --role moderator [--organisation "Stockholmshem"]
 * The password is read from STAFF_PASSWORD or, on a terminal, typed twice without echo; it
 * is never printed. It must meet the staff password policy (app/domain/staff/password-policy.server.ts).
 */
import { parseArgs } from "node:util";
import { createDb, databaseTarget } from "../db/connection";
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

/** One line from the terminal with echo off (raw mode): nothing typed appears or is logged. */
function readHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stdin.setRawMode(true); // before the prompt, so not even an early keystroke is echoed
  stdin.setEncoding("utf8");
  stdin.resume();
  stderr.write(prompt);
  return new Promise((resolve) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith("\u001b")) return; // arrow keys and other escape sequences
      for (const ch of chunk) {
        if (ch === "\u0003") {
          finish();
          process.exit(130); // Ctrl-C
        }
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

let password = process.env.STAFF_PASSWORD;
if (!password) {
  if (!process.stdin.isTTY) {
    console.error("Set STAFF_PASSWORD, or run this in a terminal to type the password.");
    process.exit(2);
  }
  password = await readHidden("Password (at least 12 characters, not shown): ");
  if ((await readHidden("Repeat the password: ")) !== password) {
    console.error(`password: ${t("errors.passwordMismatch")}`);
    process.exit(2);
  }
}

const db = createDb(databaseTarget());
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
