import { sql, type Kysely } from "kysely";
import { idColumn } from "./columns";

// Follow-up walks: participants' "is this fixed?" answers on existing measures.
// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("measure_checks")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("walk_id", "integer", (c) => c.notNull().references("walks.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("participant_id", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull().check(sql`answer in ('yes','no','partly')`))
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("handled_at", "text")
    .addColumn("handled_action", "text", (c) => c.check(sql`handled_action is null or handled_action in ('verify','reopen')`))
    .addColumn("handled_by", "integer", (c) => c.references("staff.id"))
    .addUniqueConstraint("measure_checks_one_per_participant", ["walk_id", "measure_id", "participant_id"])
    .execute();
  await db.schema.createIndex("measure_checks_measure").on("measure_checks").columns(["measure_id", "walk_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("measure_checks").execute();
}
