/**
 * The yearly review of a camera: is it still aimed as decided, what happened nearby before and
 * after, how residents feel, how much privacy it costs, and a decision (continue, adjust,
 * remove) with its reasoning. Completing a review moves the next due date one year on; a
 * decision to remove takes the camera out of use.
 */
import type { DB } from "../../../db/connection";
import { logAudit, type AuditActor } from "~/domain/audit/audit.server";
import { lockRow } from "~/domain/common/locks";
import { calendarDate } from "~/domain/common/time";
import type { ReviewInput } from "~/domain/cameras/cameras.schema";
import { RUNNING_STATES, reviewDueDate, type CameraState } from "~/domain/cameras/state";

export interface CameraReview {
  id: number;
  dueDate: string | null;
  reviewedOn: string;
  aimMatches: "yes" | "partly" | "no";
  photoDate: string | null;
  aimNotes: string | null;
  incidentsBefore: string | null;
  incidentsAfter: string | null;
  perception: string | null;
  privacyIntrusion: string | null;
  decision: "continue" | "adjust" | "remove";
  reasoning: string;
  publicSummary: string | null;
  createdAt: string;
}

export async function listReviews(db: DB, cameraId: number): Promise<CameraReview[]> {
  const rows = await db
    .selectFrom("camera_reviews")
    .selectAll()
    .where("camera_id", "=", cameraId)
    .orderBy("reviewed_on", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dueDate: r.due_date,
    reviewedOn: r.reviewed_on,
    aimMatches: r.aim_matches,
    photoDate: r.photo_date,
    aimNotes: r.aim_notes,
    incidentsBefore: r.incidents_before,
    incidentsAfter: r.incidents_after,
    perception: r.perception,
    privacyIntrusion: r.privacy_intrusion,
    decision: r.decision,
    reasoning: r.reasoning,
    publicSummary: r.public_summary,
    createdAt: r.created_at,
  }));
}

/** The latest review of each camera, for the public register: date, decision and public summary only. */
export async function latestPublicReviews(
  db: DB,
  cameraIds: number[],
): Promise<Record<number, { reviewedOn: string; decision: CameraReview["decision"]; summary: string | null }>> {
  if (cameraIds.length === 0) return {};
  const rows = await db
    .selectFrom("camera_reviews")
    .select(["camera_id", "reviewed_on", "decision", "public_summary", "id"])
    .where("camera_id", "in", cameraIds)
    .orderBy("reviewed_on")
    .orderBy("id")
    .execute();
  const out: Record<number, { reviewedOn: string; decision: CameraReview["decision"]; summary: string | null }> = {};
  for (const r of rows) out[r.camera_id] = { reviewedOn: r.reviewed_on, decision: r.decision, summary: r.public_summary };
  return out;
}

export type ReviewError = "not_found" | "cameras.errors.reviewNotRunning" | "cameras.errors.reviewDateInvalid";
export type ReviewResult = { ok: true; nextDue: string | null; state: CameraState } | { ok: false; error: ReviewError; field?: string };

/**
 * Completes a review (the form's schema has already required a decision and its reasoning).
 * Only a running camera (active or paused) is reviewed; the review date may not lie in the
 * future nor before the camera started.
 */
export async function completeReview(
  db: DB,
  actor: AuditActor,
  cameraId: number,
  input: ReviewInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<ReviewResult> {
  const now = opts.now ?? new Date();
  const today = calendarDate(now);
  return db.transaction().execute(async (trx) => {
    if (!(await lockRow(trx, "cameras", cameraId))) return { ok: false, error: "not_found" as const };
    const cam = await trx.selectFrom("cameras").select(["state", "review_due", "activated_at"]).where("id", "=", cameraId).executeTakeFirstOrThrow();
    if (!RUNNING_STATES.includes(cam.state)) return { ok: false, error: "cameras.errors.reviewNotRunning" as const };
    const started = cam.activated_at ? calendarDate(new Date(cam.activated_at)) : null;
    if (input.reviewedOn > today || (started && input.reviewedOn < started))
      return { ok: false, error: "cameras.errors.reviewDateInvalid" as const, field: "reviewedOn" };
    const iso = now.toISOString();
    const row = await trx
      .insertInto("camera_reviews")
      .values({
        camera_id: cameraId,
        due_date: cam.review_due,
        reviewed_on: input.reviewedOn,
        aim_matches: input.aimMatches,
        photo_date: input.photoDate,
        aim_notes: input.aimNotes,
        incidents_before: input.incidentsBefore,
        incidents_after: input.incidentsAfter,
        perception: input.perception,
        privacy_intrusion: input.privacyIntrusion,
        decision: input.decision,
        reasoning: input.reasoning,
        public_summary: input.publicSummary,
        reviewer_staff_id: actor.id,
        created_at: iso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const removed = input.decision === "remove";
    const nextDue = removed ? null : reviewDueDate(started, input.reviewedOn);
    const state: CameraState = removed ? "removed" : cam.state;
    await trx.updateTable("cameras").set({ review_due: nextDue, state, updated_at: iso }).where("id", "=", cameraId).execute();
    await logAudit(
      trx,
      {
        actor,
        action: "camera.review",
        targetType: "camera",
        targetId: cameraId,
        details: { reviewId: row.id, decision: input.decision, dueDate: cam.review_due, nextDue },
        ip: opts.ip,
      },
      now,
    );
    return { ok: true as const, nextDue, state };
  });
}
