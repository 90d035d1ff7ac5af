import type { Kysely } from "kysely";

// Reminders of the cameras' yearly reviews (docs/cameras.md): the due date for which the "due
// soon" reminder and the "overdue" reminder were last queued, so each goes out once per due date.
// Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cameras").addColumn("review_reminder_for", "text").execute();
  await db.schema.alterTable("cameras").addColumn("overdue_reminder_for", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cameras").dropColumn("overdue_reminder_for").execute();
  await db.schema.alterTable("cameras").dropColumn("review_reminder_for").execute();
}
