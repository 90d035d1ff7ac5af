/**
 * The camera register's rules as pure functions (docs/cameras.md):
 *
 *   proposed → balancing_documented → active ⇄ paused → removed
 *   (removed is reachable from every state but itself; it is final)
 *
 * A camera may become active only with a purpose, an owner and a documented balancing of
 * interests (intresseavvägning: date, who decided, incidents and alternatives considered),
 * or an older IMY permit that serves as it (reference and date). Kamerabevakningslagen
 * (2018:1200) requires the balancing before the camera starts.
 *
 * The yearly review falls due one year after activation, then one year after each review.
 * Browser-safe.
 */
import { addCalendarYears } from "~/domain/common/time";

export const CAMERA_STATES = ["proposed", "balancing_documented", "active", "paused", "removed"] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

export const CAMERA_ACTIONS = ["document", "activate", "pause", "resume", "remove"] as const;
export type CameraAction = (typeof CAMERA_ACTIONS)[number];

const FROM: Record<CameraAction, readonly CameraState[]> = {
  document: ["proposed"],
  activate: ["balancing_documented"],
  pause: ["active"],
  resume: ["paused"],
  remove: ["proposed", "balancing_documented", "active", "paused"],
};
const TO: Record<CameraAction, CameraState> = {
  document: "balancing_documented",
  activate: "active",
  pause: "paused",
  resume: "active",
  remove: "removed",
};

/** States in which the camera films (or may film): these are the ones with a yearly review. */
export const RUNNING_STATES: readonly CameraState[] = ["active", "paused"];

export interface CameraFacts {
  state: CameraState;
  purpose: string | null;
  ownerOrganisationId: number | null;
  balancingDate: string | null;
  balancingDecidedBy: string | null;
  balancingIncidents: string | null;
  balancingAlternatives: string | null;
  imyPermitRef: string | null;
  imyPermitDate: string | null;
}

export type CameraError =
  "cameras.errors.transitionNotAllowed" | "cameras.errors.purposeRequired" | "cameras.errors.ownerRequired" | "cameras.errors.balancingRequired";

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/** The balancing of interests is documented in full, or an IMY permit serves as it. */
export function hasDocumentedBalancing(c: CameraFacts): boolean {
  const own = !blank(c.balancingDate) && !blank(c.balancingDecidedBy) && !blank(c.balancingIncidents) && !blank(c.balancingAlternatives);
  const permit = !blank(c.imyPermitRef) && !blank(c.imyPermitDate);
  return own || permit;
}

/** What is missing before the camera may be documented or activated, field by field. */
export function missingForActivation(c: CameraFacts): Partial<Record<"purpose" | "ownerOrganisationId" | "balancing", CameraError>> {
  const missing: Partial<Record<"purpose" | "ownerOrganisationId" | "balancing", CameraError>> = {};
  if (blank(c.purpose)) missing.purpose = "cameras.errors.purposeRequired";
  if (c.ownerOrganisationId === null) missing.ownerOrganisationId = "cameras.errors.ownerRequired";
  if (!hasDocumentedBalancing(c)) missing.balancing = "cameras.errors.balancingRequired";
  return missing;
}

export type TransitionResult = { ok: true; to: CameraState } | { ok: false; errors: Partial<Record<string, CameraError>> };

export function transition(c: CameraFacts, action: CameraAction): TransitionResult {
  if (!FROM[action].includes(c.state)) return { ok: false, errors: { _form: "cameras.errors.transitionNotAllowed" } };
  if (action === "document" || action === "activate") {
    const missing = missingForActivation(c);
    if (Object.keys(missing).length) return { ok: false, errors: missing };
  }
  return { ok: true, to: TO[action] };
}

export function allowedActions(c: Pick<CameraFacts, "state">): CameraAction[] {
  return CAMERA_ACTIONS.filter((a) => FROM[a].includes(c.state));
}

/**
 * The next review's due date: one year after the latest review, or after activation when the
 * camera has never been reviewed. Null when the camera has not started.
 * Dates are YYYY-MM-DD (Stockholm calendar days).
 */
export function reviewDueDate(activatedOn: string | null, lastReviewedOn: string | null): string | null {
  const base = lastReviewedOn && (!activatedOn || lastReviewedOn >= activatedOn) ? lastReviewedOn : activatedOn;
  return base ? addCalendarYears(base, 1) : null;
}

/** Days before the due date when staff are reminded. */
export const REVIEW_REMINDER_DAYS = 30;

export type ReviewFlag = "none" | "upcoming" | "due_soon" | "overdue";

/** How urgent a running camera's review is on `today`: overdue after the due date, due soon within the reminder window. */
export function reviewFlag(state: CameraState, due: string | null, today: string): ReviewFlag {
  if (!RUNNING_STATES.includes(state) || !due) return "none";
  if (due < today) return "overdue";
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + REVIEW_REMINDER_DAYS);
  return due <= d.toISOString().slice(0, 10) ? "due_soon" : "upcoming";
}
