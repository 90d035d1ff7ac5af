import { sql, type Kysely } from "kysely";
import { idColumn, coordinate } from "./columns";

// Trygghetsdialoger: dialogues, invitations, panelists, registrations, remote attendance and the email outbox.
// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dialogues")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','published','ongoing','ended','feedback_published')`),
    )
    .addColumn("place_address", "text")
    .addColumn("place_lat", coordinate(db))
    .addColumn("place_lng", coordinate(db))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('in_person','digital','hybrid')`))
    .addColumn("stream_url", "text")
    .addColumn("meeting_url", "text")
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("a11y_hearing_loop", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("a11y_interpretation", "text")
    .addColumn("a11y_sign_language", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("a11y_step_free", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("a11y_notes", "text")
    .addColumn("purpose", "text")
    .addColumn("ladder_level", "text", (c) =>
      c.check(sql`ladder_level is null or ladder_level in ('information','konsultation','dialog','inflytande','medbestammande')`),
    )
    .addColumn("influence_open", "text")
    .addColumn("influence_closed", "text")
    .addColumn("capacity_in_person", "integer")
    .addColumn("headcount_in_room", "integer")
    .addColumn("remote_peak", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("feedback_summary", "text")
    .addColumn("feedback_next_steps", "text")
    .addColumn("feedback_published_at", "text")
    .addColumn("published_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dialogues_status_start").on("dialogues").columns(["status", "starts_at"]).execute();
  await db.schema.createIndex("dialogues_district_start").on("dialogues").columns(["district_id", "starts_at"]).execute();

  await db.schema
    .createTable("dialogue_invitations")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("not_sent")
        .check(sql`status in ('not_sent','invited','accepted','declined')`),
    )
    .addColumn("sent_at", "text")
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("dialogue_invitations_unique", ["dialogue_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("dialogue_panelists")
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id"))
    .addColumn("invitation_id", "integer", (c) => c.notNull().references("dialogue_invitations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dialogue_panelists_pk", ["dialogue_id", "staff_id"])
    .execute();

  await db.schema
    .createTable("dialogue_registrations")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('in_person','remote')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('confirmed','waitlisted','cancelled')`))
    .addColumn("name", "text")
    .addColumn("email", "text")
    .addColumn("wants_updates", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("accessibility_needs", "text")
    .addColumn("cancel_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("delete_after", "text", (c) => c.notNull())
    .addColumn("reminder_queued_at", "text")
    .addColumn("feedback_queued_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema.createIndex("dialogue_registrations_dialogue").on("dialogue_registrations").columns(["dialogue_id", "mode", "status", "id"]).execute();

  // One row per unique remote participant (hashed device id) per dialogue.
  await db.schema
    .createTable("dialogue_remote_attendees")
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("participant_hash", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dialogue_remote_attendees_pk", ["dialogue_id", "participant_hash"])
    .execute();

  // Every outgoing email. Without SMTP_URL rows stay 'stored' and staff read them in the UI;
  // with it they are 'pending' until a worker claims ('sending') and delivers them ('sent').
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("dialogue_id", "integer", (c) => c.references("dialogues.id").onDelete("set null"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("ics_filename", "text")
    .addColumn("ics_content", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('stored','pending','sending','sent','failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .addColumn("purge_after", "text")
    .execute();
  await db.schema.createIndex("email_outbox_status").on("email_outbox").columns(["status", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["email_outbox", "dialogue_remote_attendees", "dialogue_registrations", "dialogue_panelists", "dialogue_invitations", "dialogues"]) {
    await db.schema.dropTable(t).execute();
  }
}
