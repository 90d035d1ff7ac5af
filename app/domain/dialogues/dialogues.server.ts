import type { Selectable } from "kysely";
import type { DB } from "../../../db/connection";
import type { DialogueFormat, DialogueStatus, DialogueTable, LadderLevel } from "../../../db/schema";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import type { DialogueInput } from "~/domain/dialogues/dialogue.schema";
import { canEditDetails, transition, type LifecycleEvent, type LifecycleError } from "~/domain/dialogues/lifecycle";
import type { FieldErrors } from "~/domain/common/errors";

export interface Dialogue {
  id: number;
  districtId: number;
  districtSlug: string;
  districtName: string;
  title: string;
  status: DialogueStatus;
  placeAddress: string | null;
  lat: number | null;
  lng: number | null;
  startsAt: string;
  endsAt: string;
  format: DialogueFormat;
  streamUrl: string | null;
  meetingUrl: string | null;
  agenda: string[];
  accessibility: {
    hearingLoop: boolean;
    signLanguage: boolean;
    stepFree: boolean;
    interpretation: string | null;
    notes: string | null;
  };
  purpose: string | null;
  ladderLevel: LadderLevel | null;
  influenceOpen: string | null;
  influenceClosed: string | null;
  capacity: number | null;
  headcount: number | null;
  remotePeak: number;
  feedbackSummary: string | null;
  feedbackNextSteps: string | null;
  feedbackPublishedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Selectable<DialogueTable> & { district_slug: string; district_name: string };

function parseAgenda(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function toDialogue(r: Row): Dialogue {
  return {
    id: r.id,
    districtId: r.district_id,
    districtSlug: r.district_slug,
    districtName: r.district_name,
    title: r.title,
    status: r.status,
    placeAddress: r.place_address,
    lat: r.place_lat,
    lng: r.place_lng,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    format: r.format,
    streamUrl: r.stream_url,
    meetingUrl: r.meeting_url,
    agenda: parseAgenda(r.agenda),
    accessibility: {
      hearingLoop: r.a11y_hearing_loop === 1,
      signLanguage: r.a11y_sign_language === 1,
      stepFree: r.a11y_step_free === 1,
      interpretation: r.a11y_interpretation,
      notes: r.a11y_notes,
    },
    purpose: r.purpose,
    ladderLevel: r.ladder_level,
    influenceOpen: r.influence_open,
    influenceClosed: r.influence_closed,
    capacity: r.capacity_in_person,
    headcount: r.headcount_in_room,
    remotePeak: r.remote_peak,
    feedbackSummary: r.feedback_summary,
    feedbackNextSteps: r.feedback_next_steps,
    feedbackPublishedAt: r.feedback_published_at,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function baseQuery(db: DB) {
  return db
    .selectFrom("dialogues")
    .innerJoin("districts", "districts.id", "dialogues.district_id")
    .selectAll("dialogues")
    .select(["districts.slug as district_slug", "districts.name as district_name"]);
}

export async function getDialogue(db: DB, id: number): Promise<Dialogue | null> {
  const row = await baseQuery(db).where("dialogues.id", "=", id).executeTakeFirst();
  return row ? toDialogue(row) : null;
}

/** A public dialogue (never a draft), or null. */
export async function getPublicDialogue(db: DB, id: number): Promise<Dialogue | null> {
  const d = await getDialogue(db, id);
  return d && d.status !== "draft" ? d : null;
}

export interface UpcomingFilter {
  districtId?: number;
  format?: DialogueFormat;
  from?: string; // ISO instant (inclusive)
  to?: string; // ISO instant (exclusive)
}

/** Published or ongoing dialogues that have not ended, soonest first. */
export async function listUpcoming(db: DB, f: UpcomingFilter, now: Date = new Date(), limit = 100): Promise<Dialogue[]> {
  let q = baseQuery(db)
    .where("dialogues.status", "in", ["published", "ongoing"])
    .where("dialogues.ends_at", ">", now.toISOString())
    .orderBy("dialogues.starts_at")
    .limit(limit);
  if (f.districtId) q = q.where("dialogues.district_id", "=", f.districtId);
  if (f.format) q = q.where("dialogues.format", "=", f.format);
  if (f.from) q = q.where("dialogues.starts_at", ">=", f.from);
  if (f.to) q = q.where("dialogues.starts_at", "<", f.to);
  return (await q.execute()).map(toDialogue);
}

/** Dialogues whose meeting is over (ended, closed, or past their end time), latest first. */
export async function listPast(db: DB, f: { districtId?: number }, now: Date = new Date(), limit = 100): Promise<Dialogue[]> {
  let q = baseQuery(db)
    .where((eb) =>
      eb.or([
        eb("dialogues.status", "in", ["ended", "feedback_published"]),
        eb.and([eb("dialogues.status", "in", ["published", "ongoing"]), eb("dialogues.ends_at", "<=", now.toISOString())]),
      ]),
    )
    .orderBy("dialogues.starts_at", "desc")
    .limit(limit);
  if (f.districtId) q = q.where("dialogues.district_id", "=", f.districtId);
  return (await q.execute()).map(toDialogue);
}

export async function listForStaff(db: DB, limit = 200): Promise<Dialogue[]> {
  return (await baseQuery(db).orderBy("dialogues.starts_at", "desc").limit(limit).execute()).map(toDialogue);
}

function columnsFrom(input: DialogueInput) {
  return {
    district_id: input.districtId,
    title: input.title,
    place_address: input.placeAddress,
    place_lat: input.lat,
    place_lng: input.lng,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    format: input.format,
    stream_url: input.streamUrl,
    meeting_url: input.meetingUrl,
    agenda: JSON.stringify(input.agenda),
    a11y_hearing_loop: input.a11yHearingLoop ? 1 : 0,
    a11y_sign_language: input.a11ySignLanguage ? 1 : 0,
    a11y_step_free: input.a11yStepFree ? 1 : 0,
    a11y_interpretation: input.a11yInterpretation,
    a11y_notes: input.a11yNotes,
    purpose: input.purpose,
    ladder_level: input.ladderLevel,
    influence_open: input.influenceOpen,
    influence_closed: input.influenceClosed,
    capacity_in_person: input.capacity,
  };
}

/** Checks that need the database or the clock; zod has done the rest. */
async function validateInput(db: DB, input: DialogueInput, now: Date, previous?: Dialogue): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const district = await db.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
  if (!district) errors.districtId = "dialogues.errors.unknownDistrict";
  // An unchanged start may stay as it is; a new or moved start must be in the future.
  if (Date.parse(input.startsAt) <= now.getTime() && previous?.startsAt !== input.startsAt) {
    errors.date = "dialogues.errors.dateInPast";
  }
  if (input.lat !== null && input.lng !== null && district) {
    // Points far outside Stockholm are almost always swapped or mistyped coordinates.
    if (input.lat < 55 || input.lat > 70 || input.lng < 10 || input.lng > 25) errors.lat = "dialogues.errors.coordinateOutsideSweden";
  }
  return errors;
}

export type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export async function createDialogue(db: DB, actor: AuditActor, input: DialogueInput, opts: { now?: Date; ip?: string | null } = {}): Promise<SaveResult> {
  const now = opts.now ?? new Date();
  const errors = await validateInput(db, input, now);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("dialogues")
      .values({ ...columnsFrom(input), created_by: actor.id, created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await logAudit(trx, { actor, action: "dialogue.created", targetType: "dialogue", targetId: row.id, details: { title: input.title }, ip: opts.ip }, now);
    return row.id;
  });
  return { ok: true, id };
}

export async function updateDialogue(
  db: DB,
  actor: AuditActor,
  id: number,
  input: DialogueInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<SaveResult | null> {
  const now = opts.now ?? new Date();
  const previous = await getDialogue(db, id);
  if (!previous) return null;
  if (!canEditDetails(previous.status)) return { ok: false, errors: { _form: "dialogues.errors.notEditable" } };
  const errors = await validateInput(db, input, now, previous);
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("dialogues")
      .set({ ...columnsFrom(input), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await logAudit(trx, { actor, action: "dialogue.updated", targetType: "dialogue", targetId: id, ip: opts.ip }, now);
  });
  return { ok: true, id };
}

const AUDIT_ACTION: Record<LifecycleEvent, string> = {
  publish: "dialogue.published",
  start: "dialogue.started",
  end: "dialogue.ended",
  publishFeedback: "dialogue.feedback_published",
};

export type TransitionOutcome = { ok: true; status: DialogueStatus; late: boolean } | { ok: false; error: LifecycleError; missing?: string[] };

/**
 * Moves a dialogue through its lifecycle. Publishing fewer than 21 days before
 * the start needs `lateConfirmed`; the confirmation itself is audit-logged.
 * `onCommitted` runs inside the transaction for work that must land with the change.
 */
export async function transitionDialogue(
  db: DB,
  actor: AuditActor,
  id: number,
  event: LifecycleEvent,
  opts: { now?: Date; ip?: string | null; lateConfirmed?: boolean; inTransaction?: (trx: DB, d: Dialogue) => Promise<void> } = {},
): Promise<TransitionOutcome | null> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const d = await getDialogue(trx, id);
    if (!d) return null;
    const result = transition(d, event, { now, lateConfirmed: opts.lateConfirmed });
    if (!result.ok) return result;
    await trx
      .updateTable("dialogues")
      .set({
        status: result.to,
        updated_at: now.toISOString(),
        ...(event === "publish" ? { published_at: now.toISOString() } : {}),
        ...(event === "publishFeedback" ? { feedback_published_at: now.toISOString() } : {}),
      })
      .where("id", "=", id)
      .execute();
    if (result.late) {
      await logAudit(
        trx,
        { actor, action: "dialogue.late_warning_confirmed", targetType: "dialogue", targetId: id, details: { step: event, startsAt: d.startsAt }, ip: opts.ip },
        now,
      );
    }
    await logAudit(
      trx,
      { actor, action: AUDIT_ACTION[event], targetType: "dialogue", targetId: id, details: { from: d.status, to: result.to }, ip: opts.ip },
      now,
    );
    if (opts.inTransaction) await opts.inTransaction(trx, { ...d, status: result.to });
    return { ok: true as const, status: result.to, late: result.late };
  });
}

export async function setHeadcount(
  db: DB,
  actor: AuditActor,
  id: number,
  headcount: number,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<"ok" | "not_found" | "not_allowed"> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom("dialogues").select(["status"]).where("id", "=", id).executeTakeFirst();
    if (!d) return "not_found";
    if (d.status === "draft") return "not_allowed";
    await trx.updateTable("dialogues").set({ headcount_in_room: headcount, updated_at: now.toISOString() }).where("id", "=", id).execute();
    await logAudit(trx, { actor, action: "dialogue.headcount_set", targetType: "dialogue", targetId: id, details: { headcount }, ip: opts.ip }, now);
    return "ok";
  });
}

export async function saveFeedbackDraft(
  db: DB,
  actor: AuditActor,
  id: number,
  input: { summary: string; nextSteps: string },
  opts: { now?: Date; ip?: string | null } = {},
): Promise<"ok" | "not_found" | "not_allowed"> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom("dialogues").select(["status"]).where("id", "=", id).executeTakeFirst();
    if (!d) return "not_found";
    if (d.status !== "ongoing" && d.status !== "ended") return "not_allowed";
    await trx
      .updateTable("dialogues")
      .set({ feedback_summary: input.summary, feedback_next_steps: input.nextSteps, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await logAudit(trx, { actor, action: "dialogue.feedback_saved", targetType: "dialogue", targetId: id, ip: opts.ip }, now);
    return "ok";
  });
}

export interface Attendance {
  registeredInPerson: number;
  registeredRemote: number;
  waitlisted: number;
  cancelled: number;
  headcount: number | null;
  remotePeak: number;
  remoteUnique: number;
}

export async function getAttendance(db: DB, dialogueId: number): Promise<Attendance> {
  const rows = await db
    .selectFrom("dialogue_registrations")
    .select(["mode", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("dialogue_id", "=", dialogueId)
    .groupBy(["mode", "status"])
    .execute();
  const count = (mode: string | null, status: string) =>
    rows.filter((r) => (mode === null || r.mode === mode) && r.status === status).reduce((a, r) => a + Number(r.n), 0);
  const d = await db.selectFrom("dialogues").select(["headcount_in_room", "remote_peak"]).where("id", "=", dialogueId).executeTakeFirst();
  const unique = await db
    .selectFrom("dialogue_remote_attendees")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("dialogue_id", "=", dialogueId)
    .executeTakeFirstOrThrow();
  return {
    registeredInPerson: count("in_person", "confirmed"),
    registeredRemote: count("remote", "confirmed"),
    waitlisted: count(null, "waitlisted"),
    cancelled: count(null, "cancelled"),
    headcount: d?.headcount_in_room ?? null,
    remotePeak: d?.remote_peak ?? 0,
    remoteUnique: Number(unique.n),
  };
}
