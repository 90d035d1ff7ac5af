/**
 * The dialogue lifecycle as a pure state machine:
 *
 *   draft (utkast) → published (publicerad) → ongoing (pågår) → ended (avslutad)
 *     → feedback_published (återkoppling publicerad)
 *
 * "Closing requires a published återkoppling": a dialogue whose meeting has
 * ended is not closed until its återkoppling is published; the only way into
 * the final state is publishing one, and nothing moves a dialogue out of it.
 */
import type { DialogueStatus, LadderLevel } from "../../../db/schema";

export const DIALOGUE_STATUSES = ["draft", "published", "ongoing", "ended", "feedback_published"] as const satisfies readonly DialogueStatus[];
export const LADDER_LEVELS = ["information", "konsultation", "dialog", "inflytande", "medbestammande"] as const satisfies readonly LadderLevel[];

export type LifecycleEvent = "publish" | "start" | "end" | "publishFeedback";

/** The days before the start by which invitations should have gone out. */
export const GOOD_TIME_DAYS = 21;
/** A dialogue may be marked as started this long before its start time. */
export const START_EARLY_MINUTES = 60;

export interface LifecycleDialogue {
  status: DialogueStatus;
  format: "in_person" | "digital" | "hybrid";
  placeAddress: string | null;
  streamUrl: string | null;
  meetingUrl: string | null;
  startsAt: string;
  endsAt: string;
  purpose: string | null;
  ladderLevel: LadderLevel | null;
  influenceOpen: string | null;
  influenceClosed: string | null;
  feedbackSummary: string | null;
  feedbackNextSteps: string | null;
}

export type LifecycleError =
  | "dialogues.errors.transitionNotAllowed"
  | "dialogues.errors.skrFieldsMissing"
  | "dialogues.errors.startInPast"
  | "dialogues.errors.lateNotConfirmed"
  | "dialogues.errors.tooEarlyToStart"
  | "dialogues.errors.feedbackMissing";

export type TransitionResult = { ok: true; to: DialogueStatus; late: boolean } | { ok: false; error: LifecycleError; missing?: string[] };

const FROM: Record<LifecycleEvent, DialogueStatus> = {
  publish: "draft",
  start: "published",
  end: "ongoing",
  publishFeedback: "ended",
};
const TO: Record<LifecycleEvent, DialogueStatus> = {
  publish: "published",
  start: "ongoing",
  end: "ended",
  publishFeedback: "feedback_published",
};

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/** SKR: purpose, ladder level and influence statement must be stated before publishing. */
export function missingSkrFields(d: Pick<LifecycleDialogue, "purpose" | "ladderLevel" | "influenceOpen" | "influenceClosed">): string[] {
  const missing: string[] = [];
  if (blank(d.purpose)) missing.push("purpose");
  if (!d.ladderLevel) missing.push("ladderLevel");
  if (blank(d.influenceOpen)) missing.push("influenceOpen");
  if (blank(d.influenceClosed)) missing.push("influenceClosed");
  return missing;
}

/** Fewer than 21 days (by the clock) between now and the start. */
/** Everything publishing needs: the SKR fields, a place for meetings in a room, a link for remote ones. */
export function missingForPublish(d: LifecycleDialogue): string[] {
  const missing = missingSkrFields(d);
  if (d.format !== "digital" && blank(d.placeAddress)) missing.push("placeAddress");
  if (d.format !== "in_person" && blank(d.streamUrl) && blank(d.meetingUrl)) missing.push("streamUrl");
  return missing;
}

export function isLate(startsAt: string | Date, now: Date): boolean {
  const start = typeof startsAt === "string" ? Date.parse(startsAt) : startsAt.getTime();
  return start - now.getTime() < GOOD_TIME_DAYS * 86400e3;
}

/** Whole days left until the start (rounded down, never negative). */
export function daysUntil(startsAt: string, now: Date): number {
  return Math.max(0, Math.floor((Date.parse(startsAt) - now.getTime()) / 86400e3));
}

export function allowedEvents(status: DialogueStatus): LifecycleEvent[] {
  return (Object.keys(FROM) as LifecycleEvent[]).filter((e) => FROM[e] === status);
}

export function transition(d: LifecycleDialogue, event: LifecycleEvent, opts: { now: Date; lateConfirmed?: boolean }): TransitionResult {
  if (FROM[event] !== d.status) return { ok: false, error: "dialogues.errors.transitionNotAllowed" };
  switch (event) {
    case "publish": {
      const missing = missingForPublish(d);
      if (missing.length) return { ok: false, error: "dialogues.errors.skrFieldsMissing", missing };
      if (Date.parse(d.startsAt) <= opts.now.getTime()) return { ok: false, error: "dialogues.errors.startInPast" };
      const late = isLate(d.startsAt, opts.now);
      if (late && !opts.lateConfirmed) return { ok: false, error: "dialogues.errors.lateNotConfirmed" };
      return { ok: true, to: TO[event], late };
    }
    case "start":
      if (Date.parse(d.startsAt) - START_EARLY_MINUTES * 60000 > opts.now.getTime()) {
        return { ok: false, error: "dialogues.errors.tooEarlyToStart" };
      }
      return { ok: true, to: TO[event], late: false };
    case "end":
      return { ok: true, to: TO[event], late: false };
    case "publishFeedback":
      if (blank(d.feedbackSummary) || blank(d.feedbackNextSteps)) return { ok: false, error: "dialogues.errors.feedbackMissing" };
      return { ok: true, to: TO[event], late: false };
  }
}

/** Details (schedule, place, SKR fields) may change only before the meeting starts. */
export function canEditDetails(status: DialogueStatus): boolean {
  return status === "draft" || status === "published";
}

/** Residents see everything but drafts. */
export function isPublic(status: DialogueStatus): boolean {
  return status !== "draft";
}

/** Registration is open while the dialogue is published and has not started. */
export function registrationOpen(d: Pick<LifecycleDialogue, "status" | "startsAt">, now: Date): boolean {
  return d.status === "published" && Date.parse(d.startsAt) > now.getTime();
}

/** The dialogue is over and its återkoppling can be written. */
export function canWriteFeedback(status: DialogueStatus): boolean {
  return status === "ongoing" || status === "ended";
}

/** Closed = the final state; reachable only by publishing återkoppling. */
export function isClosed(status: DialogueStatus): boolean {
  return status === "feedback_published";
}
