import { sql, type Kysely } from "kysely";
import { idColumn, coordinate } from "./columns";

// Measures (åtgärder): the measure, its public timeline, the items it came from and email followers.
// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("measures")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("location_address", "text")
    .addColumn("location_lat", coordinate(db))
    .addColumn("location_lng", coordinate(db))
    .addColumn("responsible_organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("priority", "text", (c) =>
      c
        .notNull()
        .defaultTo("normal")
        .check(sql`priority in ('low','normal','high')`),
    )
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("proposed")
        .check(sql`status in ('proposed','sent','accepted','declined','planned','done','verified')`),
    )
    .addColumn("planned_date", "text")
    .addColumn("decline_reason", "text")
    .addColumn("sent_at", "text")
    .addColumn("done_at", "text")
    .addColumn("verified_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("measures_decline_reason", sql`status <> 'declined' or (decline_reason is not null and length(trim(decline_reason)) > 0)`)
    .addCheckConstraint("measures_location_pair", sql`(location_lat is null) = (location_lng is null)`)
    .execute();
  await db.schema.createIndex("measures_district_status").on("measures").columns(["district_id", "status"]).execute();
  await db.schema.createIndex("measures_organisation_status").on("measures").columns(["responsible_organisation_id", "status"]).execute();

  await db.schema
    .createTable("measure_events")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('created','status','reply')`))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("actor_staff_id", "integer", (c) => c.references("staff.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .execute();
  await db.schema.createIndex("measure_events_measure").on("measure_events").columns(["measure_id", "id"]).execute();

  await db.schema
    .createTable("measure_sources")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("source_type", "text", (c) => c.notNull().check(sql`source_type in ('question','observation')`))
    .addColumn("source_id", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("measure_sources_unique", ["source_type", "source_id", "measure_id"])
    .execute();
  await db.schema.createIndex("measure_sources_measure").on("measure_sources").column("measure_id").execute();

  await db.schema
    .createTable("measure_followers")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("confirmed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("measure_followers_unique", ["measure_id", "email"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["measure_followers", "measure_sources", "measure_events", "measures"]) {
    await db.schema.dropTable(t).execute();
  }
}
