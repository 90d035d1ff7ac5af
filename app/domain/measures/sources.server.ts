/**
 * The items a measure came from. The link table is generic (question | observation);
 * this file knows how to check and show each kind. Only published text is ever
 * shown: the question as approved (moderator-edited if it was), never who asked.
 */
import type { DB } from "../../../db/connection";
import type { MeasureSourceType } from "../../../db/schema-measures";

export interface PublicSource {
  type: MeasureSourceType;
  id: number;
  /** The question or observation text as published. */
  text: string;
  answer: string | null;
  answeredBy: string | null;
  /** Where it was raised: the dialogue (or walk) and a public link to it. */
  contextTitle: string;
  href: string;
}

export type SourceCheck = { ok: true; districtId: number } | { ok: false; error: "measures.errors.sourceNotFound" | "measures.errors.sourceNotAnswered" | "measures.errors.observationsUnavailable" };

/** Only answered questions carry a commitment that can become a measure. */
export async function checkSource(db: DB, type: MeasureSourceType, id: number): Promise<SourceCheck> {
  if (type === "observation") return { ok: false, error: "measures.errors.observationsUnavailable" };
  const q = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select(["questions.status", "dialogues.district_id"])
    .where("questions.id", "=", id)
    .executeTakeFirst();
  if (!q) return { ok: false, error: "measures.errors.sourceNotFound" };
  if (q.status !== "answered") return { ok: false, error: "measures.errors.sourceNotAnswered" };
  return { ok: true, districtId: q.district_id };
}

/** Public view of a measure's sources, in the order they were linked. */
export async function publicSources(db: DB, measureId: number): Promise<PublicSource[]> {
  const links = await db.selectFrom("measure_sources").selectAll().where("measure_id", "=", measureId).orderBy("created_at").execute();
  const questionIds = links.filter((l) => l.source_type === "question").map((l) => l.source_id);
  if (questionIds.length === 0) return [];
  const rows = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select(["questions.id", "questions.text", "questions.answer", "questions.answered_by", "dialogues.id as dialogue_id", "dialogues.title"])
    .where("questions.id", "in", questionIds)
    // Published questions of public dialogues only.
    .where("questions.status", "=", "answered")
    .where("dialogues.status", "!=", "draft")
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return questionIds.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [{ type: "question" as const, id: r.id, text: r.text, answer: r.answer, answeredBy: r.answered_by, contextTitle: r.title, href: `/dialoger/${r.dialogue_id}/aterkoppling` }]
      : [];
  });
}

/** Measure ids linked to any question of a dialogue. */
export async function measureIdsForDialogue(db: DB, dialogueId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("measure_sources")
    .innerJoin("questions", "questions.id", "measure_sources.source_id")
    .select("measure_sources.measure_id")
    .distinct()
    .where("measure_sources.source_type", "=", "question")
    .where("questions.dialogue_id", "=", dialogueId)
    .execute();
  return rows.map((r) => r.measure_id);
}

/** For each question id, the measures it led to. */
export async function measuresByQuestion(db: DB, questionIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (questionIds.length === 0) return map;
  const rows = await db
    .selectFrom("measure_sources")
    .select(["source_id", "measure_id"])
    .where("source_type", "=", "question")
    .where("source_id", "in", questionIds)
    .execute();
  for (const r of rows) map.set(r.source_id, [...(map.get(r.source_id) ?? []), r.measure_id]);
  return map;
}

/** Form values to start a measure from an answered question (its published text and answer). */
export async function prefillFromQuestion(db: DB, questionId: number): Promise<{ text: string; values: Record<string, string> } | null> {
  const q = await db
    .selectFrom("questions")
    .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
    .select(["questions.id", "questions.text", "questions.answer", "questions.assigned_organisation_id", "dialogues.district_id", "dialogues.place_address"])
    .where("questions.id", "=", questionId)
    .where("questions.status", "=", "answered")
    .executeTakeFirst();
  if (!q) return null;
  return {
    text: q.text,
    values: {
      title: q.text.length > 140 ? `${q.text.slice(0, 139)}…` : q.text,
      description: q.answer ?? "",
      districtId: String(q.district_id),
      organisationId: q.assigned_organisation_id ? String(q.assigned_organisation_id) : "",
      questionIds: String(q.id),
      priority: "normal",
    },
  };
}

/** Answered questions of a dialogue with the measures each has led to, for the staff page. */
export async function answeredWithMeasures(db: DB, dialogueId: number) {
  const rows = await db
    .selectFrom("questions")
    .select(["id", "text", "answer", "answered_by"])
    .where("dialogue_id", "=", dialogueId)
    .where("status", "=", "answered")
    .orderBy("answered_at")
    .execute();
  const links = await measuresByQuestion(db, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, text: r.text, answer: r.answer, answeredBy: r.answered_by, measureIds: links.get(r.id) ?? [] }));
}
