/**
 * The items a measure came from. The link table is generic (question | observation);
 * this file knows how to check and show each kind. Only published text is ever
 * shown: the question as approved (moderator-edited if it was), never who asked.
 */
import type { DB } from "../../../db/connection";
import type { MeasureSourceType } from "../../../db/schema-measures";
import type { Category } from "~/domain/walks/categories";
import { getObservationForMeasure } from "~/domain/walks/observations.server";
import type { MeasureCategory } from "~/domain/measures/measures.schema";

/** Walk observation categories → measure categories (also the Open311 service codes). */
export const OBSERVATION_CATEGORY: Record<Category, MeasureCategory> = {
  lighting: "lighting",
  vegetation: "vegetation",
  footpath: "paths",
  litter: "litter",
  graffiti: "graffiti",
  vandalism: "vandalism",
  underpass: "underpass",
  routes: "paths",
  transit_stop: "public_transport",
  ownership: "ownership",
  street_life: "street_life",
  wayfinding: "wayfinding",
  traffic: "traffic",
  social_disorder: "social_disorder",
  positive: "other",
};

export interface PublicSource {
  type: MeasureSourceType;
  id: number;
  /** The question or observation text as published. */
  text: string;
  /** Observations: their categories (as measure categories) and place. */
  categories?: MeasureCategory[];
  address?: string | null;
  answer: string | null;
  answeredBy: string | null;
  /** Where it was raised: the dialogue (or walk) and a public link to it. */
  contextTitle: string;
  href: string;
}

export type SourceCheck =
  | { ok: true; districtId: number }
  | { ok: false; error: "measures.errors.sourceNotFound" | "measures.errors.sourceNotAnswered" | "measures.errors.observationNotPublished" };

/** Only answered questions carry a commitment; only published (moderated) observations can become measures. */
export async function checkSource(db: DB, type: MeasureSourceType, id: number): Promise<SourceCheck> {
  if (type === "observation") {
    const o = await getObservationForMeasure(db, id);
    if (!o) return { ok: false, error: "measures.errors.sourceNotFound" };
    if (o.status !== "published") return { ok: false, error: "measures.errors.observationNotPublished" };
    return { ok: true, districtId: o.districtId };
  }
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
  const questions = questionIds.length
    ? await db
        .selectFrom("questions")
        .innerJoin("dialogues", "dialogues.id", "questions.dialogue_id")
        .select(["questions.id", "questions.text", "questions.answer", "questions.answered_by", "dialogues.id as dialogue_id", "dialogues.title"])
        .where("questions.id", "in", questionIds)
        // Published questions of public dialogues only.
        .where("questions.status", "=", "answered")
        .where("dialogues.status", "!=", "draft")
        .execute()
    : [];
  const byQuestion = new Map(questions.map((r) => [r.id, r]));
  const out: PublicSource[] = [];
  for (const l of links) {
    if (l.source_type === "question") {
      const r = byQuestion.get(l.source_id);
      if (r)
        out.push({
          type: "question",
          id: r.id,
          text: r.text,
          answer: r.answer,
          answeredBy: r.answered_by,
          contextTitle: r.title,
          href: `/dialoger/${r.dialogue_id}/aterkoppling`,
        });
      continue;
    }
    const o = await getObservationForMeasure(db, l.source_id);
    // Held or rejected observations are never shown; nor is who raised them.
    if (!o || o.status !== "published") continue;
    const walk = await db.selectFrom("walks").select(["id", "title"]).where("id", "=", o.walkId).executeTakeFirst();
    out.push({
      type: "observation",
      id: o.id,
      text: o.description ?? "",
      categories: o.categories.map((c) => OBSERVATION_CATEGORY[c]),
      address: o.address,
      answer: null,
      answeredBy: null,
      contextTitle: walk?.title ?? "",
      href: `/vandringar/${o.walkId}`,
    });
  }
  return out;
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
  const links = await measuresByQuestion(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, text: r.text, answer: r.answer, answeredBy: r.answered_by, measureIds: links.get(r.id) ?? [] }));
}

/** Form values to start a measure from a published walk observation. */
export async function prefillFromObservation(db: DB, observationId: number): Promise<{ text: string; values: Record<string, string> } | null> {
  const o = await getObservationForMeasure(db, observationId);
  if (!o || o.status !== "published") return null;
  const full = await db
    .selectFrom("walk_observations")
    .select(["proposed_measure", "responsible_organisation_id", "priority"])
    .where("id", "=", o.id)
    .executeTakeFirst();
  const category = o.categories.map((c) => OBSERVATION_CATEGORY[c]).find((c) => c !== "other") ?? "other";
  const text = o.description ?? "";
  const title = full?.proposed_measure ?? text;
  return {
    text,
    values: {
      title: title.length > 140 ? `${title.slice(0, 139)}…` : title,
      description: [full?.proposed_measure, text].filter(Boolean).join("\n\n"),
      districtId: String(o.districtId),
      category,
      organisationId: full?.responsible_organisation_id ? String(full.responsible_organisation_id) : "",
      priority: full?.priority === "high" ? "high" : full?.priority === "low" ? "low" : "normal",
      address: o.address ?? "",
      lat: String(o.lat),
      lng: String(o.lng),
      observationIds: String(o.id),
    },
  };
}

/** Measure ids linked to any observation of a walk (for the walk's återkoppling page). */
export async function measureIdsForWalk(db: DB, walkId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("measure_sources")
    .innerJoin("walk_observations", "walk_observations.id", "measure_sources.source_id")
    .select("measure_sources.measure_id")
    .distinct()
    .where("measure_sources.source_type", "=", "observation")
    .where("walk_observations.walk_id", "=", walkId)
    .execute();
  return rows.map((r) => r.measure_id);
}
