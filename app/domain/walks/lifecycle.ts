/**
 * The walk lifecycle as a pure state machine:
 *
 *   planned (planerad) → pre_meeting (förmöte) → ongoing (pågår) → protocol (protokoll)
 *     → closing_meeting (avslutande möte) → follow_up (uppföljning)
 *
 * Starting the walk records the weather and the actual light. Observations are
 * taken live while the walk is ongoing and, marked "added afterwards", for a
 * configurable window after its end (WALK_LATE_WINDOW_DAYS).
 */
import type { Light, WalkStatus } from "../../../db/schema-walks";

export const WALK_STATUSES = ["planned", "pre_meeting", "ongoing", "protocol", "closing_meeting", "follow_up"] as const satisfies readonly WalkStatus[];
export const LIGHTS = ["day", "dusk", "dark"] as const satisfies readonly Light[];

export type WalkEvent = "preMeeting" | "start" | "finish" | "closingMeeting" | "followUp";

const FROM: Record<WalkEvent, readonly WalkStatus[]> = {
  preMeeting: ["planned"],
  // A walk without a pre-meeting may start straight from planned.
  start: ["planned", "pre_meeting"],
  finish: ["ongoing"],
  closingMeeting: ["protocol"],
  followUp: ["closing_meeting"],
};
const TO: Record<WalkEvent, WalkStatus> = {
  preMeeting: "pre_meeting",
  start: "ongoing",
  finish: "protocol",
  closingMeeting: "closing_meeting",
  followUp: "follow_up",
};

/** A walk may be started this long before its planned time. */
export const START_EARLY_MINUTES = 120;

export type WalkLifecycleError = "walks.errors.transitionNotAllowed" | "walks.errors.startDetailsMissing" | "walks.errors.tooEarlyToStart";

export type WalkTransition = { ok: true; to: WalkStatus } | { ok: false; error: WalkLifecycleError };

export function allowedWalkEvents(status: WalkStatus): WalkEvent[] {
  return (Object.keys(FROM) as WalkEvent[]).filter((e) => FROM[e].includes(status));
}

export function transitionWalk(
  walk: { status: WalkStatus; startsAt: string },
  event: WalkEvent,
  opts: { now: Date; weather?: string | null; actualLight?: Light | null },
): WalkTransition {
  if (!FROM[event].includes(walk.status)) return { ok: false, error: "walks.errors.transitionNotAllowed" };
  if (event === "start") {
    if (!opts.weather?.trim() || !opts.actualLight) return { ok: false, error: "walks.errors.startDetailsMissing" };
    if (Date.parse(walk.startsAt) - START_EARLY_MINUTES * 60_000 > opts.now.getTime()) return { ok: false, error: "walks.errors.tooEarlyToStart" };
  }
  return { ok: true, to: TO[event] };
}

/** Details (time, route, meeting point) may change until the walk starts. */
export function canEditWalk(status: WalkStatus): boolean {
  return status === "planned" || status === "pre_meeting";
}

/** Invitations may be added and sent until the walk is over. */
export function canInvite(status: WalkStatus): boolean {
  return status === "planned" || status === "pre_meeting" || status === "ongoing";
}

export type ObservationWindow = { open: true; afterwards: boolean } | { open: false; reason: "walks.errors.notStarted" | "walks.errors.windowClosed" };

/**
 * Whether a resident may add an observation now. Live while the walk is ongoing;
 * afterwards (marked as such) until `lateWindowDays` after the walk's end.
 */
export function observationWindow(walk: { status: WalkStatus; endsAt: string }, now: Date, lateWindowDays: number): ObservationWindow {
  if (walk.status === "planned" || walk.status === "pre_meeting") return { open: false, reason: "walks.errors.notStarted" };
  if (walk.status === "ongoing") return { open: true, afterwards: false };
  const closes = Date.parse(walk.endsAt) + lateWindowDays * 86400e3;
  if (now.getTime() > closes) return { open: false, reason: "walks.errors.windowClosed" };
  return { open: true, afterwards: true };
}

/** The last moment observations are accepted (ISO), for telling residents. */
export function windowClosesAt(endsAt: string, lateWindowDays: number): string {
  return new Date(Date.parse(endsAt) + lateWindowDays * 86400e3).toISOString();
}
