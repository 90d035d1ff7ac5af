import { sql, type Kysely } from "kysely";
import { idColumn } from "./columns";

// The district's safety picture (docs/indicators.md): indicator values with their source, imported
// all-or-nothing from CSV. Values are decimal strings (no floating-point column: the same on SQLite
// and PostgreSQL). Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("indicator_imports")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("staff_id", "integer", (c) => c.references("staff.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("indicator_values")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("district_id", "integer", (c) => c.notNull().references("districts.id").onDelete("cascade"))
    .addColumn("indicator", "text", (c) => c.notNull().check(sql`indicator in ('reported_crime','perceived_unsafe')`))
    // Crime category ('' when the value is a total).
    .addColumn("category", "text", (c) => c.notNull().defaultTo(""))
    // YYYY, YYYY-Qn or YYYY-MM.
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("source_url", "text", (c) => c.notNull())
    .addColumn("note", "text")
    // 0/1: the row came from an illustrative (demo) file, not real statistics.
    .addColumn("illustrative", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`illustrative in (0,1)`),
    )
    .addColumn("import_id", "integer", (c) => c.references("indicator_imports.id"))
    .addUniqueConstraint("indicator_values_one", ["district_id", "indicator", "category", "period", "source_name"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("indicator_values").execute();
  await db.schema.dropTable("indicator_imports").execute();
}
