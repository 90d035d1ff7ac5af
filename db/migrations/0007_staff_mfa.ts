import { sql, type Kysely } from "kysely";

// Multi-factor authentication for staff (TOTP and recovery codes), docs/security.md
// "Multi-factor authentication". Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One authenticator per account. The TOTP secret is encrypted (AES-256-GCM, app/domain/staff/
  // mfa-crypto.server.ts); confirmed_at is null while an enrolment waits for its first code;
  // last_used_step is the last accepted 30-second time step, so a code is accepted once.
  await db.schema
    .createTable("staff_mfa")
    .addColumn("staff_id", "integer", (c) => c.primaryKey().references("staff.id").onDelete("cascade"))
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_used_step", "integer")
    .execute();

  // Recovery codes: only their SHA-256 is stored (each has 120 random bits). Used once (used_at).
  await db.schema
    .createTable("staff_recovery_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("staff_recovery_codes_staff").on("staff_recovery_codes").column("staff_id").execute();

  // A session is 'full' (signed in), or pending after the password: 'mfa' waits for the code,
  // 'enrol' may only set up the authenticator. Existing sessions stay full.
  await db.schema
    .alterTable("staff_sessions")
    .addColumn("stage", "text", (c) =>
      c
        .notNull()
        .defaultTo("full")
        .check(sql`stage in ('full','mfa','enrol')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("staff_sessions").dropColumn("stage").execute();
  await db.schema.dropTable("staff_recovery_codes").execute();
  await db.schema.dropTable("staff_mfa").execute();
}
