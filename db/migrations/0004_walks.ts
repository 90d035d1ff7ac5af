import { sql, type Kysely } from "kysely";
import { idColumn, coordinate } from "./columns";

// Trygghetsvandringar: walks, invited actors, groups, observations and their photos.
// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("walks")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text")
    .addColumn("meeting_point", "text", (c) => c.notNull())
    .addColumn("meeting_lat", coordinate(db))
    .addColumn("meeting_lng", coordinate(db))
    .addColumn("route", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("expected_light", "text", (c) => c.notNull().check(sql`expected_light in ('day','dusk','dark')`))
    .addColumn("actual_light", "text", (c) => c.check(sql`actual_light is null or actual_light in ('day','dusk','dark')`))
    .addColumn("weather", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("planned")
        .check(sql`status in ('planned','pre_meeting','ongoing','protocol','closing_meeting','follow_up')`),
    )
    .addColumn("dialogue_id", "integer", (c) => c.references("dialogues.id").onDelete("set null"))
    .addColumn("organisers", "text")
    .addColumn("started_at", "text")
    .addColumn("protocol_sent_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("walks_district_start").on("walks").columns(["district_id", "starts_at"]).execute();

  await db.schema
    .createTable("walk_invitations")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("walk_id", "integer", (c) => c.notNull().references("walks.id").onDelete("cascade"))
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
    .addUniqueConstraint("walk_invitations_unique", ["walk_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("walk_groups")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("walk_id", "integer", (c) => c.notNull().references("walks.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("leader", "text")
    .addColumn("participants", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("walk_observations")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("walk_id", "integer", (c) => c.notNull().references("walks.id").onDelete("cascade"))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("participant_id", "text")
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("lat", coordinate(db), (c) => c.notNull())
    .addColumn("lng", coordinate(db), (c) => c.notNull())
    // 1 when the resident gave only an address or landmark: the point is the chosen landmark's, staff refine it.
    .addColumn("approximate", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("address", "text")
    .addColumn("lamp_post", "text")
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("positive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("feeling", "integer", (c) => c.notNull().check(sql`feeling between 0 and 3`))
    .addColumn("rating_lighting", "integer")
    .addColumn("rating_openness", "integer")
    .addColumn("rating_visibility", "integer")
    .addColumn("rating_people", "integer")
    .addColumn("rating_walk_path", "integer")
    .addColumn("description", "text")
    .addColumn("time_of_day", "text", (c) => c.notNull().check(sql`time_of_day in ('day','dusk','dark')`))
    .addColumn("raised_by", "text")
    .addColumn("group_id", "integer", (c) => c.references("walk_groups.id").onDelete("set null"))
    .addColumn("added_afterwards", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','published','rejected')`))
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("moderated_by", "integer", (c) => c.references("staff.id"))
    .addColumn("moderated_at", "text")
    .addColumn("proposed_measure", "text")
    .addColumn("responsible_organisation_id", "integer", (c) => c.references("organisations.id"))
    .addColumn("priority", "text", (c) => c.check(sql`priority is null or priority in ('low','medium','high')`))
    .addColumn("followup_status", "text", (c) =>
      c
        .notNull()
        .defaultTo("new")
        .check(sql`followup_status in ('new','sent','replied')`),
    )
    .addColumn("party_reply", "text")
    .addColumn("feedback_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Replays of an offline observation carry the same key: at most one row per device and key.
  await db.schema.createIndex("walk_observations_idempotency").on("walk_observations").columns(["participant_id", "idempotency_key"]).unique().execute();
  await db.schema.createIndex("walk_observations_walk").on("walk_observations").columns(["walk_id", "status", "id"]).execute();
  await db.schema.createIndex("walk_observations_district").on("walk_observations").columns(["district_id", "status"]).execute();
  await db.schema.createIndex("walk_observations_participant").on("walk_observations").columns(["walk_id", "participant_id", "created_at"]).execute();

  await db.schema
    .createTable("walk_photos")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("observation_id", "integer", (c) => c.notNull().unique().references("walk_observations.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull().unique())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending','approved','rejected')`),
    )
    .addColumn("reviewed_by", "integer", (c) => c.references("staff.id"))
    .addColumn("reviewed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["walk_photos", "walk_observations", "walk_groups", "walk_invitations", "walks"]) {
    await db.schema.dropTable(t).execute();
  }
}
