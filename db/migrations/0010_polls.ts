import { sql, type Kysely } from "kysely";
import { idColumn } from "./columns";

// Live polls in dialogues (docs/polls.md): prepared by moderators, opened, closed and revealed live,
// answered anonymously once per device. Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("polls")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('single','multiple','scale','safety')`))
    .addColumn("question", "text", (c) => c.notNull())
    // JSON array of the option labels (single/multiple), or of the fixed codes (scale, safety).
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','open','closed')`),
    )
    .addColumn("revealed", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`revealed in (0,1)`),
    )
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("staff.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("opened_at", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("polls_dialogue").on("polls").columns(["dialogue_id", "position"]).execute();

  await db.schema
    .createTable("poll_answers")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
    // The anonymous device cookie (tryggve_pid); never shown, used only to allow one answer.
    .addColumn("participant_id", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("poll_answers_one_per_participant", ["poll_id", "participant_id"])
    .addUniqueConstraint("poll_answers_idempotency", ["poll_id", "idempotency_key"])
    .execute();

  // One row per chosen option (several for a multiple-choice answer), so results are one grouped count.
  await db.schema
    .createTable("poll_answer_choices")
    .addColumn("answer_id", "integer", (c) => c.notNull().references("poll_answers.id").onDelete("cascade"))
    .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
    .addColumn("option_index", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("poll_answer_choices_pk", ["answer_id", "option_index"])
    .execute();
  await db.schema.createIndex("poll_answer_choices_poll").on("poll_answer_choices").columns(["poll_id", "option_index"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("poll_answer_choices").execute();
  await db.schema.dropTable("poll_answers").execute();
  await db.schema.dropTable("polls").execute();
}
