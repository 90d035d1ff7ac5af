import type { Kysely } from "kysely";

// The daily cap on e-mail to one address (docs/security.md "Limits"): one counter row per
// address, keyed by the SHA-256 of the lower-cased address (never the address itself), with the
// start of its 24-hour window. The upsert that takes the row also locks it until the enqueueing
// transaction ends, so mails queued at once are counted one after another.
// Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("email_address_quota")
    .addColumn("address_hash", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("sent", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("email_address_quota_window").on("email_address_quota").column("window_start").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("email_address_quota").execute();
}
