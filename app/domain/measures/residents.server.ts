/**
 * "My questions and pins": what became of what this device submitted, through
 * the participant id in its cookie. Pins (walk observations) join once walks land.
 */
import type { DB } from "../../../db/connection";
import type { QuestionStatusColumn } from "../../../db/schema-qa";
import { listMeasures, type MeasureSummary } from "~/domain/measures/measures.server";
import { measuresByQuestion } from "~/domain/measures/sources.server";

export interface MyItem {
  id: number;
  text: string;
  status: QuestionStatusColumn;
  rejectRule: string | null;
  answer: string | null;
  dialogueId: number;
  dialogueTitle: string;
  createdAt: string;
  measures: Array<Pick<MeasureSummary, "id" | "title" | "status" | "organisationName">>;
}

export async function myQuestionsAndMeasures(db: DB, participantId: string): Promise<MyItem[]> {
  const rows = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select([
      "questions.id",
      "questions.text",
      "questions.status",
      "questions.reject_rule",
      "questions.answer",
      "questions.created_at",
      "dialogues.id as dialogue_id",
      "dialogues.title",
    ])
    .where("questions.participant_id", "=", participantId)
    .orderBy("questions.id", "desc")
    .limit(200)
    .execute();
  const links = await measuresByQuestion(
    db,
    rows.map((r) => r.id),
  );
  const measureIds = [...new Set([...links.values()].flat())];
  const measures = new Map((await listMeasures(db, { ids: measureIds })).map((m) => [m.id, m]));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    status: r.status,
    rejectRule: r.reject_rule,
    answer: r.answer,
    dialogueId: r.dialogue_id,
    dialogueTitle: r.title,
    createdAt: r.created_at,
    measures: (links.get(r.id) ?? []).flatMap((id) => {
      const m = measures.get(id);
      return m ? [{ id: m.id, title: m.title, status: m.status, organisationName: m.organisationName }] : [];
    }),
  }));
}
