/**
 * Panelists (police, housing company …) answer the questions assigned to them or to
 * their organisation. They cannot moderate; the same state machine and audit log apply.
 */
import type { DB } from "../../../db/connection";
import type { StaffUser } from "~/domain/staff/session.server";
import { moderate, type ModerateResult } from "~/domain/questions/qa.server";

export interface AssignedQuestion {
  id: number;
  dialogueId: number;
  dialogueTitle: string;
  text: string;
  status: "approved" | "answering_now" | "answer_in_writing";
  writtenDueDate: string | null;
  assignedTo: "me" | "organisation";
}

const OPEN = ["approved", "answering_now", "answer_in_writing"] as const;

export async function assignedQuestions(db: DB, staff: Pick<StaffUser, "id" | "organisationId">): Promise<AssignedQuestion[]> {
  const rows = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select([
      "questions.id",
      "questions.dialogue_id",
      "dialogues.title",
      "questions.text",
      "questions.status",
      "questions.written_due_date",
      "questions.assigned_staff_id",
    ])
    .where("questions.status", "in", [...OPEN])
    .where((eb) =>
      eb.or([
        eb("questions.assigned_staff_id", "=", staff.id),
        ...(staff.organisationId ? [eb("questions.assigned_organisation_id", "=", staff.organisationId)] : []),
      ]),
    )
    .orderBy("questions.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dialogueId: r.dialogue_id,
    dialogueTitle: r.title,
    text: r.text,
    status: r.status as AssignedQuestion["status"],
    writtenDueDate: r.written_due_date,
    assignedTo: r.assigned_staff_id === staff.id ? "me" : "organisation",
  }));
}

/**
 * Answers a question: "answered" live, or the written answer when it was deferred. moderate()
 * checks that the question is assigned to this panelist or their organisation (refused and
 * audited otherwise) and signs the answer with the organisation's name.
 */
export async function answerAssigned(
  db: DB,
  staff: Pick<StaffUser, "id" | "email">,
  input: { questionId: number; answer: string },
  ip: string | null,
  now: Date = new Date(),
): Promise<ModerateResult & { dialogueId?: number }> {
  const q = await db.selectFrom("questions").select(["id", "dialogue_id", "status"]).where("id", "=", input.questionId).executeTakeFirst();
  if (!q) return { ok: false, error: "not_found" };
  const target = { dialogueId: q.dialogue_id, questionId: q.id, answer: input.answer, answeredBy: null };
  const result = await moderate(
    db,
    staff,
    q.status === "answer_in_writing" ? { action: "publish_written_answer", ...target } : { action: "mark_answered", ...target },
    ip,
    now,
  );
  return { ...result, dialogueId: q.dialogue_id };
}
