/**
 * Follow-up walks: the open measures of a walk's district listed for
 * revisiting, participants' anonymous "is this fixed?" answers during the walk,
 * and staff turning those answers into verified or reopened measures through
 * the ordinary status machine (changeStatus), in one transaction with the
 * answers marked handled and the audit entries.
 */
import type { DB } from "../../../db/connection";
import type { Config } from "~/config.server";
import { logAudit } from "~/domain/audit/audit.server";
import { can } from "~/domain/staff/roles";
import type { StaffUser } from "~/domain/staff/session.server";
import { expandBBox, type BBox } from "~/domain/walks/geo";
import type { Walk } from "~/domain/walks/walks.server";
import { changeStatus, type ChangeResult } from "~/domain/measures/actions.server";
import type { CheckAnswer, CheckAnswerInput } from "~/domain/measures/checks.schema";
import { listMeasures, type MeasureSummary } from "~/domain/measures/measures.server";
import { isClosed, type MeasureStatus } from "~/domain/measures/status";

/** How far from the route (or meeting point) a measure still counts as "along the walk". */
export const ALONG_ROUTE_MARGIN_METERS = 300;

/** Walk statuses in which the revisit list is shown to participants. */
export const REVISIT_STATUSES: readonly Walk["status"][] = ["planned", "pre_meeting", "ongoing"];

export interface RevisitMeasure extends MeasureSummary {
  /** Has a location inside the bounding box of the walk's route and meeting point (plus a margin). */
  alongRoute: boolean;
}

/** The bounding box of the route and meeting point grown by the margin, or null without either. */
export function walkArea(walk: Pick<Walk, "route" | "meetingLat" | "meetingLng">, marginMeters = ALONG_ROUTE_MARGIN_METERS): BBox | null {
  const points: Array<{ lat: number; lng: number }> = (walk.route ?? []).map(([lng, lat]) => ({ lat, lng }));
  if (walk.meetingLat !== null && walk.meetingLng !== null) points.push({ lat: walk.meetingLat, lng: walk.meetingLng });
  if (points.length === 0) return null;
  const box = {
    south: Math.min(...points.map((p) => p.lat)),
    north: Math.max(...points.map((p) => p.lat)),
    west: Math.min(...points.map((p) => p.lng)),
    east: Math.max(...points.map((p) => p.lng)),
  };
  return expandBBox(box, marginMeters);
}

/**
 * Open measures in the walk's district, those along the route first (then
 * newest first). Without a route or meeting point every open measure counts.
 */
export async function measuresToRevisit(
  db: DB,
  walk: Pick<Walk, "districtId" | "route" | "meetingLat" | "meetingLng">,
  now: Date = new Date(),
): Promise<RevisitMeasure[]> {
  const open = await listMeasures(db, { districtId: walk.districtId, openOnly: true }, now);
  const area = walkArea(walk);
  const rows = open.map((m) => ({
    ...m,
    alongRoute: area === null || (m.lat !== null && m.lng !== null && m.lat >= area.south && m.lat <= area.north && m.lng >= area.west && m.lng <= area.east),
  }));
  return [...rows.filter((m) => m.alongRoute), ...rows.filter((m) => !m.alongRoute)];
}

/** The measures this participant has already answered on this walk, with their answer. */
export async function myChecks(db: DB, walkId: number, participantId: string): Promise<Record<number, CheckAnswer>> {
  const rows = await db
    .selectFrom("measure_checks")
    .select(["measure_id", "answer"])
    .where("walk_id", "=", walkId)
    .where("participant_id", "=", participantId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.measure_id, r.answer]));
}

export type CheckError =
  | "measures.checks.errors.walkNotFound"
  | "measures.checks.errors.walkNotOngoing"
  | "measures.checks.errors.measureUnknown"
  | "measures.checks.errors.measureClosed"
  | "measures.checks.errors.alreadyAnswered";

export type SubmitCheckResult = { ok: true; id: number } | { ok: false; error: CheckError };

/**
 * Stores one participant's answer. Refused unless the walk is in progress and
 * the measure is open and belongs to the walk's district; a second answer from
 * the same participant on the same measure and walk is refused.
 */
export async function submitCheck(db: DB, walkId: number, participantId: string, input: CheckAnswerInput, now: Date = new Date()): Promise<SubmitCheckResult> {
  return db.transaction().execute(async (trx): Promise<SubmitCheckResult> => {
    const walk = await trx.selectFrom("walks").select(["id", "status", "district_id"]).where("id", "=", walkId).executeTakeFirst();
    if (!walk) return { ok: false, error: "measures.checks.errors.walkNotFound" };
    if (walk.status !== "ongoing") return { ok: false, error: "measures.checks.errors.walkNotOngoing" };
    const m = await trx.selectFrom("measures").select(["id", "status", "district_id"]).where("id", "=", input.measureId).executeTakeFirst();
    if (!m || m.district_id !== walk.district_id) return { ok: false, error: "measures.checks.errors.measureUnknown" };
    if (isClosed(m.status as MeasureStatus)) return { ok: false, error: "measures.checks.errors.measureClosed" };
    const row = await trx
      .insertInto("measure_checks")
      .values({
        walk_id: walk.id,
        measure_id: m.id,
        participant_id: participantId,
        answer: input.answer,
        comment: input.comment,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return { ok: false, error: "measures.checks.errors.alreadyAnswered" };
    return { ok: true, id: row.id };
  });
}

export interface CheckSummary {
  measureId: number;
  counts: Record<CheckAnswer, number>;
  /** Participants' comments, anonymous, oldest first. */
  comments: Array<{ answer: CheckAnswer; comment: string; at: string }>;
  unhandled: number;
  handled: { action: "verify" | "reopen"; at: string } | null;
}

/** The walk's answers per measure, for the staff page. */
export async function checksForWalk(db: DB, walkId: number): Promise<Map<number, CheckSummary>> {
  const rows = await db
    .selectFrom("measure_checks")
    .select(["measure_id", "answer", "comment", "created_at", "handled_at", "handled_action"])
    .where("walk_id", "=", walkId)
    .orderBy("id")
    .execute();
  const out = new Map<number, CheckSummary>();
  for (const r of rows) {
    const s = out.get(r.measure_id) ?? { measureId: r.measure_id, counts: { yes: 0, no: 0, partly: 0 }, comments: [], unhandled: 0, handled: null };
    s.counts[r.answer] += 1;
    if (r.comment) s.comments.push({ answer: r.answer, comment: r.comment, at: r.created_at });
    if (r.handled_at && r.handled_action) s.handled = { action: r.handled_action, at: r.handled_at };
    else s.unhandled += 1;
    out.set(r.measure_id, s);
  }
  return out;
}

export interface StaffFollowUpRow extends RevisitMeasure {
  checks: CheckSummary | null;
  canVerify: boolean;
  canReopen: boolean;
}

/** Open measures to revisit plus any measure answered on this walk (even if closed since), with the answers. */
export async function staffFollowUp(db: DB, walk: Walk, now: Date = new Date()): Promise<StaffFollowUpRow[]> {
  const [open, checks] = await Promise.all([measuresToRevisit(db, walk, now), checksForWalk(db, walk.id)]);
  const openIds = new Set(open.map((m) => m.id));
  const extraIds = [...checks.keys()].filter((id) => !openIds.has(id));
  const extra = extraIds.length ? (await listMeasures(db, { ids: extraIds }, now)).map((m) => ({ ...m, alongRoute: true })) : [];
  const rows = [...extra, ...open].map((m) => ({
    ...m,
    checks: checks.get(m.id) ?? null,
    canVerify: m.status === "done",
    canReopen: m.status === "done" || m.status === "verified",
  }));
  // Measures with answers first, then the rest in revisit order.
  return [...rows.filter((r) => r.checks), ...rows.filter((r) => !r.checks)];
}

type Staff = Pick<StaffUser, "id" | "email" | "role" | "organisationId">;
export type ResolveResult = ChangeResult | { ok: false; error: "measures.checks.errors.forbidden" | "measures.checks.errors.noAnswers"; field?: string };

/**
 * Verifies or reopens a measure because of the answers given on this walk.
 * Needs walks.manage or measures.manage; the walk must have answers on the
 * measure. The status change, its timeline entry, the answers marked handled
 * and both audit entries are one transaction.
 */
export async function resolveChecks(
  db: DB,
  config: Pick<Config, "SMTP_URL" | "SERVICE_OPERATOR" | "SESSION_SECRET">,
  staff: Staff,
  walkId: number,
  measureId: number,
  resolution: "verify" | "reopen",
  comment: string | null,
  opts: { now?: Date; ip?: string | null; baseUrl: string },
): Promise<ResolveResult> {
  if (!can(staff.role, "walks.manage") && !can(staff.role, "measures.manage")) return { ok: false, error: "measures.checks.errors.forbidden" };
  const now = opts.now ?? new Date();
  const answers = await db.selectFrom("measure_checks").select("id").where("walk_id", "=", walkId).where("measure_id", "=", measureId).execute();
  if (answers.length === 0) return { ok: false, error: "measures.checks.errors.noAnswers" };
  // changeStatus checks the status machine (verify only from done; reopen needs a comment) and measures.manage.
  return changeStatus(
    db,
    config,
    staff,
    measureId,
    resolution,
    { comment },
    {
      ...opts,
      now,
      within: async (trx, change) => {
        const res = await trx
          .updateTable("measure_checks")
          .set({ handled_at: now.toISOString(), handled_action: resolution, handled_by: staff.id })
          .where("walk_id", "=", walkId)
          .where("measure_id", "=", measureId)
          .where("handled_at", "is", null)
          .executeTakeFirst();
        await logAudit(
          trx,
          {
            actor: staff,
            action: "measure.check_resolve",
            targetType: "measure",
            targetId: measureId,
            details: { walkId, resolution, from: change.from, to: change.to, answers: Number(res.numUpdatedRows) },
            ip: opts.ip,
          },
          now,
        );
      },
    },
  );
}
