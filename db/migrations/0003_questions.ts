import { sql, type Kysely } from "kysely";
import { idColumn } from "./columns";

// Live Q&A: questions, votes, the per-dialogue event log (for replay) and Q&A state.
// Migrations are append-only: never edit this file once it has landed (the one exception: the
// dialect-aware column helpers, whose SQLite DDL is byte-identical, test/unit/db/sqlite-ddl.test.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("qa_rejection_rules")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("label_sv", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "integer", idColumn(db))
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("participant_id", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("original_text", "text")
    .addColumn("edited_by", "integer", (c) => c.references("staff.id"))
    .addColumn("edit_reason", "text")
    .addColumn("edited_at", "text")
    .addColumn("display_name", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("waiting")
        .check(sql`status in ('waiting','approved','answering_now','answered','answer_in_writing','rejected','merged')`),
    )
    .addColumn("reject_rule", "text")
    .addColumn("merged_into_id", "integer", (c) => c.references("questions.id"))
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("escalated_at", "text")
    .addColumn("escalated_by", "integer", (c) => c.references("staff.id"))
    .addColumn("escalation_note", "text")
    .addColumn("assigned_organisation_id", "integer", (c) => c.references("organisations.id"))
    .addColumn("assigned_staff_id", "integer", (c) => c.references("staff.id"))
    .addColumn("answer", "text")
    .addColumn("answered_by", "text")
    .addColumn("answered_at", "text")
    .addColumn("written_due_date", "text")
    .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_by", "integer", (c) => c.references("staff.id"))
    .addColumn("claimed_until", "text")
    .addColumn("moderated_by", "integer", (c) => c.references("staff.id"))
    .addColumn("moderated_at", "text")
    .addColumn("approved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("questions_idempotency", ["dialogue_id", "idempotency_key"])
    .execute();
  await db.schema.createIndex("questions_dialogue_status").on("questions").columns(["dialogue_id", "status"]).execute();
  await db.schema.createIndex("questions_participant").on("questions").columns(["participant_id", "dialogue_id"]).execute();

  await db.schema
    .createTable("question_votes")
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("participant_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("question_votes_pk", ["question_id", "participant_id"])
    .execute();

  await db.schema
    .createTable("qa_state")
    .addColumn("dialogue_id", "integer", (c) => c.primaryKey().references("dialogues.id").onDelete("cascade"))
    .addColumn("submissions_open", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("current_question_id", "integer", (c) => c.references("questions.id"))
    .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("qa_events")
    .addColumn("dialogue_id", "integer", (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("qa_events_pk", ["dialogue_id", "seq"])
    .execute();

  const rules: Array<[string, string, string]> = [
    ["names_private_person", "Namnger eller pekar ut en privatperson", "Names or points out a private person"],
    ["personal_data", "Innehåller personuppgifter (personnummer, telefon, adress, e-post)", "Contains personal data (ID number, phone, address, email)"],
    ["confidential_case", "Gäller ett enskilt ärende som omfattas av sekretess", "Concerns an individual case covered by confidentiality"],
    ["threat_hate_harassment", "Hot, hat eller trakasserier", "Threat, hate or harassment"],
    ["off_topic", "Hör inte till dialogens ämne", "Off-topic"],
    ["advertising_campaigning", "Reklam eller partipolitisk kampanj", "Advertising or party campaigning"],
    ["spam_duplicate", "Spam eller dubblett", "Spam or duplicate"],
  ];
  for (const [i, [code, sv, en]] of rules.entries()) {
    await sql`insert into qa_rejection_rules (code, label_sv, label_en, active, sort) values (${code}, ${sv}, ${en}, 1, ${i})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["qa_events", "qa_state", "question_votes", "questions", "qa_rejection_rules"]) {
    await db.schema.dropTable(t).execute();
  }
}
