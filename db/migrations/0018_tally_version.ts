import type { Kysely } from "kysely";

// A question's tally version (issue 12): incremented by the same statement that recounts
// `vote_count`, so every tally a client receives (broadcast, ack, replay, snapshot, event) carries
// the version it was counted at and a client never shows an older tally after a newer one, even
// when two processes or two transactions publish out of commit order (docs/realtime.md).
// Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("questions")
    .addColumn("tally_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("questions").dropColumn("tally_version").execute();
}
