import { sql, type Kysely } from "kysely";
import { coordinate, idColumn } from "./columns";

// The camera register (kamerabevakning, docs/cameras.md): camera sites with their documented
// balancing of interests (or the older IMY permit serving as it), yearly reviews, and the log of
// requests to view or hand over footage (the footage itself is never stored).
// Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cameras")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("owner_organisation_id", "integer", (c) => c.references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("lat", coordinate(db), (c) => c.notNull())
    .addColumn("lng", coordinate(db), (c) => c.notNull())
    // The covered area: a GeoJSON Polygon geometry as text, or null for a point only.
    .addColumn("area_geojson", "text")
    .addColumn("direction", "text")
    .addColumn("purpose", "text")
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("proposed")
        .check(sql`state in ('proposed','balancing_documented','active','paused','removed')`),
    )
    .addColumn("mode", "text", (c) =>
      c
        .notNull()
        .defaultTo("recorded")
        .check(sql`mode in ('live','recorded','both')`),
    )
    .addColumn("recording_hours", "text")
    .addColumn("retention_days", "integer")
    .addColumn("footage_viewers", "text")
    .addColumn("location_public", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("balancing_date", "text")
    .addColumn("balancing_decided_by", "text")
    .addColumn("balancing_incidents", "text")
    .addColumn("balancing_alternatives", "text")
    .addColumn("balancing_conditions", "text")
    .addColumn("imy_permit_ref", "text")
    .addColumn("imy_permit_date", "text")
    .addColumn("imy_permit_conditions", "text")
    .addColumn("sign_locations", "text")
    .addColumn("sign_text", "text")
    .addColumn("sign_text_easy", "text")
    .addColumn("sign_pictogram", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sign_languages", "text")
    .addColumn("contact", "text")
    .addColumn("source_type", "text", (c) => c.check(sql`source_type is null or source_type in ('observation','measure')`))
    .addColumn("source_id", "integer")
    .addColumn("activated_at", "text")
    .addColumn("review_due", "text")
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("cameras_source_pair", sql`(source_type is null) = (source_id is null)`)
    .addCheckConstraint("cameras_location_public", sql`location_public in (0,1)`)
    .addCheckConstraint("cameras_sign_pictogram", sql`sign_pictogram in (0,1)`)
    .execute();
  await db.schema.createIndex("cameras_district_state").on("cameras").columns(["district_id", "state"]).execute();
  await db.schema.createIndex("cameras_source").on("cameras").columns(["source_type", "source_id"]).execute();

  await db.schema
    .createTable("camera_reviews")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("camera_id", "integer", (c) => c.notNull().references("cameras.id").onDelete("cascade"))
    .addColumn("due_date", "text")
    .addColumn("reviewed_on", "text", (c) => c.notNull())
    .addColumn("aim_matches", "text", (c) => c.notNull().check(sql`aim_matches in ('yes','partly','no')`))
    .addColumn("photo_date", "text")
    .addColumn("aim_notes", "text")
    .addColumn("incidents_before", "text")
    .addColumn("incidents_after", "text")
    .addColumn("perception", "text")
    .addColumn("privacy_intrusion", "text")
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('continue','adjust','remove')`))
    .addColumn("reasoning", "text", (c) => c.notNull())
    .addColumn("public_summary", "text")
    .addColumn("reviewer_staff_id", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("camera_reviews_reasoning", sql`length(trim(reasoning)) > 0`)
    .execute();
  await db.schema.createIndex("camera_reviews_camera").on("camera_reviews").columns(["camera_id", "reviewed_on"]).execute();

  await db.schema
    .createTable("camera_footage_requests")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("camera_id", "integer", (c) => c.notNull().references("cameras.id").onDelete("cascade"))
    .addColumn("requested_on", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('view','handover')`))
    .addColumn("requester", "text", (c) => c.notNull())
    .addColumn("legal_basis", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`decision in ('pending','granted','refused')`),
    )
    .addColumn("viewed_by", "text")
    .addColumn("viewed_on", "text")
    .addColumn("footage_deleted_on", "text")
    .addColumn("secrecy_note", "text")
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("camera_footage_requests_camera").on("camera_footage_requests").columns(["camera_id", "requested_on"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["camera_footage_requests", "camera_reviews", "cameras"]) {
    await db.schema.dropTable(t).execute();
  }
}
