import { sql, type Kysely } from "kysely";
import { idColumn, coordinate } from "./columns";

// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("districts")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("centre_lat", coordinate(db), (c) => c.notNull())
    .addColumn("centre_lng", coordinate(db), (c) => c.notNull())
    .addColumn("bbox_south", coordinate(db), (c) => c.notNull())
    .addColumn("bbox_west", coordinate(db), (c) => c.notNull())
    .addColumn("bbox_north", coordinate(db), (c) => c.notNull())
    .addColumn("bbox_east", coordinate(db), (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("contact_email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("staff")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin','moderator','panelist','walk_leader')`))
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id"))
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("staff_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("staff_sessions_staff").on("staff_sessions").column("staff_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("success", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_email_at").on("login_attempts").columns(["email", "at"]).execute();
  await db.schema.createIndex("login_attempts_ip_at").on("login_attempts").columns(["ip", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_staff_id", "integer", (c) => c.references("staff.id"))
    .addColumn("actor_email", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("details", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_action").on("audit_log").columns(["action", "at"]).execute();

  await db.schema
    .createTable("accessibility_reports")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("page_url", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("contact", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .addColumn("handled_at", "text")
    .addColumn("handled_by", "integer", (c) => c.references("staff.id"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["accessibility_reports", "audit_log", "login_attempts", "staff_sessions", "staff", "organisations", "districts"]) {
    await db.schema.dropTable(t).execute();
  }
}
