/**
 * The measure (åtgärd) status machine and who may drive it, as pure functions:
 *
 *   proposed (föreslagen) → sent (skickad) → accepted (accepterad) | declined (avböjd, reason required)
 *     accepted → planned (planerad, with a date) → done (genomförd) → verified (verifierad)
 *     done | verified → planned again ("reopen", comment required: a follow-up walk found it unfixed)
 *
 * Sending, verifying and reopening belong to the district's staff (measures.manage).
 * Accepting, declining, planning, marking done and replying belong to the
 * responsible organisation's panelists (measures.respond, same organisation);
 * staff may record those on the party's behalf (an answer given at a closing meeting).
 */
import type { MeasureStatusColumn } from "../../../db/schema-measures";
import { addCalendarYears, isIsoDate } from "~/domain/common/time";
import { can, type StaffRole } from "~/domain/staff/roles";

export const MEASURE_STATUSES = ["proposed", "sent", "accepted", "declined", "planned", "done", "verified"] as const satisfies readonly MeasureStatusColumn[];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_ACTIONS = ["send", "accept", "decline", "plan", "done", "verify", "reopen", "reply"] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];

/** Closed measures: followers' addresses are deleted, the item leaves every work list. */
export const CLOSED_STATUSES: readonly MeasureStatus[] = ["declined", "verified"];
/** Statuses in which the work is finished (not overdue any more; Open311 "closed"). */
export const RESOLVED_STATUSES: readonly MeasureStatus[] = ["declined", "done", "verified"];

const FROM: Record<Exclude<MeasureAction, "reply">, readonly MeasureStatus[]> = {
  send: ["proposed"],
  accept: ["sent"],
  decline: ["sent", "accepted"],
  // Planning again from "planned" moves the date.
  plan: ["accepted", "planned"],
  done: ["planned"],
  verify: ["done"],
  reopen: ["done", "verified"],
};
const TO: Record<Exclude<MeasureAction, "reply">, MeasureStatus> = {
  send: "sent",
  accept: "accepted",
  decline: "declined",
  plan: "planned",
  done: "done",
  verify: "verified",
  reopen: "planned",
};

const STAFF_ONLY: readonly MeasureAction[] = ["send", "verify", "reopen"];

export interface MeasureActor {
  canManage: boolean;
  canRespond: boolean;
  organisationId: number | null;
}

/** What a staff member may do with measures, from their role and organisation (as the session read them from the database). */
export function measureActor(staff: { role: StaffRole; organisationId: number | null }): MeasureActor {
  return { canManage: can(staff.role, "measures.manage"), canRespond: can(staff.role, "measures.respond"), organisationId: staff.organisationId };
}

export interface MeasureLike {
  status: MeasureStatus;
  organisationId: number;
  createdAt: string;
}

export interface ActionInput {
  comment?: string | null;
  reason?: string | null;
  plannedDate?: string | null;
}

export type MeasureError =
  | "measures.errors.forbidden"
  | "measures.errors.wrongOrganisation"
  | "measures.errors.staffOnly"
  | "measures.errors.transitionNotAllowed"
  | "measures.errors.reasonRequired"
  | "measures.errors.plannedDateRequired"
  | "measures.errors.plannedDateInvalid"
  | "measures.errors.commentRequired";

export type TransitionResult =
  { ok: true; to: MeasureStatus; changes: boolean } | { ok: false; error: MeasureError; field?: "reason" | "plannedDate" | "comment" };

/** A plan date may not lie before the measure existed nor more than this many years ahead. */
export const MAX_PLAN_YEARS = 5;

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/** May this actor take this action on this measure at all (ignoring the status)? */
export function permission(actor: MeasureActor, measure: Pick<MeasureLike, "organisationId">, action: MeasureAction): MeasureError | null {
  if (actor.canManage) return null;
  if (STAFF_ONLY.includes(action)) return actor.canRespond ? "measures.errors.staffOnly" : "measures.errors.forbidden";
  if (!actor.canRespond) return "measures.errors.forbidden";
  if (actor.organisationId === null || actor.organisationId !== measure.organisationId) return "measures.errors.wrongOrganisation";
  return null;
}

/**
 * May this actor link a question or observation to this measure? Linking is managing the measure:
 * the district's staff only. A panelist is told whether the measure is not their organisation's at
 * all, or theirs but a staff task.
 */
export function linkPermission(
  actor: MeasureActor,
  measure: Pick<MeasureLike, "organisationId">,
): "measures.errors.forbidden" | "measures.errors.wrongOrganisation" | "measures.errors.staffOnly" | null {
  if (actor.canManage) return null;
  if (!actor.canRespond) return "measures.errors.forbidden";
  if (actor.organisationId === null || actor.organisationId !== measure.organisationId) return "measures.errors.wrongOrganisation";
  return "measures.errors.staffOnly";
}

/** Can this actor see and act on this measure from the staff side? */
export function canView(actor: MeasureActor, measure: Pick<MeasureLike, "organisationId">): boolean {
  return actor.canManage || (actor.canRespond && actor.organisationId !== null && actor.organisationId === measure.organisationId);
}

export function allowedActions(actor: MeasureActor, measure: MeasureLike): MeasureAction[] {
  return MEASURE_ACTIONS.filter((a) => permission(actor, measure, a) === null && (a === "reply" || FROM[a].includes(measure.status)));
}

/**
 * Checks one action. `today` is the Stockholm calendar date (YYYY-MM-DD).
 * Permission is checked first, so the wrong organisation learns nothing about the rest.
 */
export function transition(actor: MeasureActor, measure: MeasureLike, action: MeasureAction, input: ActionInput, today: string): TransitionResult {
  const denied = permission(actor, measure, action);
  if (denied) return { ok: false, error: denied };
  if (action === "reply") {
    if (blank(input.comment)) return { ok: false, error: "measures.errors.commentRequired", field: "comment" };
    return { ok: true, to: measure.status, changes: false };
  }
  if (!FROM[action].includes(measure.status)) return { ok: false, error: "measures.errors.transitionNotAllowed" };
  if (action === "decline" && blank(input.reason)) return { ok: false, error: "measures.errors.reasonRequired", field: "reason" };
  if (action === "reopen" && blank(input.comment)) return { ok: false, error: "measures.errors.commentRequired", field: "comment" };
  if (action === "plan") {
    const date = input.plannedDate ?? "";
    if (blank(date)) return { ok: false, error: "measures.errors.plannedDateRequired", field: "plannedDate" };
    if (!isIsoDate(date)) return { ok: false, error: "measures.errors.plannedDateInvalid", field: "plannedDate" };
    const created = measure.createdAt.slice(0, 10);
    const latest = addCalendarYears(today, MAX_PLAN_YEARS);
    if (date < created || date > latest) return { ok: false, error: "measures.errors.plannedDateInvalid", field: "plannedDate" };
  }
  return { ok: true, to: TO[action], changes: true };
}

export function isClosed(status: MeasureStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Past its due date (or its planned date, once planned) and not yet done. */
export function isOverdue(m: { status: MeasureStatus; dueDate: string | null; plannedDate: string | null }, today: string): boolean {
  if (RESOLVED_STATUSES.includes(m.status)) return false;
  const deadline = m.status === "planned" && m.plannedDate ? m.plannedDate : m.dueDate;
  return deadline !== null && deadline < today;
}

/** What the responsible party should do next, for the work list. */
export function nextStepFor(status: MeasureStatus): "accept_or_decline" | "plan" | "mark_done" | "await_verification" | "await_sending" | "none" {
  switch (status) {
    case "proposed":
      return "await_sending";
    case "sent":
      return "accept_or_decline";
    case "accepted":
      return "plan";
    case "planned":
      return "mark_done";
    case "done":
      return "await_verification";
    default:
      return "none";
  }
}
