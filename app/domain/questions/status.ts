/**
 * The question state machine of the live Q&A. Pure: no database, no clock
 * (callers pass `now`), safe to import in the browser.
 *
 *   waiting           → approved (approve, edit_and_approve) | rejected | merged
 *   approved          → answering_now | answered | answer_in_writing | rejected | merged
 *   answering_now     → approved (stop_answering) | answered | answer_in_writing
 *   answer_in_writing → answered (publish_written_answer)
 *   rejected          → waiting (reinstate)
 *
 * See docs/qa-rules.md for the table. `answered` and `merged` are terminal.
 */
import { type RejectionRule, isRejectionRule } from "~/domain/questions/rules";
import { STOCKHOLM_TZ, addCalendarDays, calendarDate, isIsoDate } from "~/domain/common/time";

export { REJECTION_RULES, isRejectionRule, type RejectionRule } from "~/domain/questions/rules";

export const QUESTION_STATUSES = ["waiting", "approved", "answering_now", "answered", "answer_in_writing", "rejected", "merged"] as const;

export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The data that belongs to each status. Dates are `YYYY-MM-DD` (Stockholm calendar day). */
export type QuestionState =
  | { status: "waiting" }
  | { status: "approved" }
  | { status: "answering_now" }
  | { status: "answered"; answer: string | null; answeredBy: string | null; answeredAt: Date }
  | { status: "answer_in_writing"; dueDate: string }
  | { status: "rejected"; rule: RejectionRule }
  | { status: "merged"; mergedIntoId: number };

/** What `transition` needs to know about a question. */
export type QuestionLike = { id: number; dialogueId: number } & QuestionState;

export type QuestionAction =
  | { type: "approve" }
  /** Edit for privacy, then approve. The text change itself is stored by the caller. */
  | { type: "edit_and_approve" }
  | { type: "reject"; rule: RejectionRule }
  /** Undo a rejection: the question goes back to the moderation queue. */
  | { type: "reinstate" }
  | { type: "merge"; into: { id: number; dialogueId: number; status: QuestionStatus } }
  | { type: "start_answering" }
  /** Put the question being answered back among the published ones. */
  | { type: "stop_answering" }
  | { type: "mark_answered"; answer?: string | null; answeredBy?: string | null }
  /** Due date `YYYY-MM-DD`; defaults to `defaultWrittenAnswerDueDate(now)`. */
  | { type: "answer_in_writing"; dueDate?: string }
  | { type: "publish_written_answer"; answer: string; answeredBy?: string | null };

export type QuestionActionType = QuestionAction["type"];

export type TransitionErrorCode =
  | "invalid_transition"
  | "invalid_rule"
  | "merge_into_self"
  | "merge_other_dialogue"
  | "merge_target_not_published"
  | "invalid_due_date"
  | "due_date_in_past"
  | "answer_required";

export type TransitionResult = { ok: true; state: QuestionState } | { ok: false; error: TransitionErrorCode };

export interface TransitionContext {
  now: Date;
  /** IANA time zone for calendar-day logic. Default Europe/Stockholm. */
  timeZone?: string;
}

/** Allowed status changes. Anything not listed is forbidden. */
export const TRANSITIONS: Readonly<Record<QuestionStatus, readonly QuestionStatus[]>> = {
  waiting: ["approved", "rejected", "merged"],
  // approved → rejected: taking down something that should not have been published (BBS-lagen).
  approved: ["answering_now", "answered", "answer_in_writing", "rejected", "merged"],
  answering_now: ["approved", "answered", "answer_in_writing"],
  answer_in_writing: ["answered"],
  rejected: ["waiting"],
  answered: [],
  merged: [],
};

/** Which status each action leads to. */
export const ACTION_TARGET: Readonly<Record<QuestionActionType, QuestionStatus>> = {
  approve: "approved",
  edit_and_approve: "approved",
  reject: "rejected",
  reinstate: "waiting",
  merge: "merged",
  start_answering: "answering_now",
  stop_answering: "approved",
  mark_answered: "answered",
  answer_in_writing: "answer_in_writing",
  publish_written_answer: "answered",
};

/** Some actions are only meaningful from particular statuses, narrower than TRANSITIONS. */
const ACTION_FROM: Readonly<Partial<Record<QuestionActionType, readonly QuestionStatus[]>>> = {
  stop_answering: ["answering_now"],
  mark_answered: ["approved", "answering_now"],
  publish_written_answer: ["answer_in_writing"],
};

/** Statuses a question can be merged into: visible to the public. */
export const MERGE_TARGET_STATUSES: readonly QuestionStatus[] = ["approved", "answering_now", "answered", "answer_in_writing"];

/** Statuses shown publicly in the dialogue's question list. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ["approved", "answering_now", "answered", "answer_in_writing"];

export const WRITTEN_ANSWER_DEFAULT_DAYS = 14;

export function canTransition(from: QuestionStatus, to: QuestionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Apply a moderation action. Returns the new state (without id) or a typed error code;
 * never throws for a forbidden move.
 */
export function transition(question: QuestionLike, action: QuestionAction, ctx: TransitionContext): TransitionResult {
  const to = ACTION_TARGET[action.type];
  const from = question.status;
  if (!canTransition(from, to)) return fail("invalid_transition");
  const narrowed = ACTION_FROM[action.type];
  if (narrowed && !narrowed.includes(from)) return fail("invalid_transition");

  switch (action.type) {
    case "approve":
    case "edit_and_approve":
    case "stop_answering":
      return ok({ status: "approved" });
    case "reinstate":
      return ok({ status: "waiting" });
    case "start_answering":
      return ok({ status: "answering_now" });
    case "reject":
      if (!isRejectionRule(action.rule)) return fail("invalid_rule");
      return ok({ status: "rejected", rule: action.rule });
    case "merge": {
      const target = action.into;
      if (target.id === question.id) return fail("merge_into_self");
      if (target.dialogueId !== question.dialogueId) return fail("merge_other_dialogue");
      if (!MERGE_TARGET_STATUSES.includes(target.status)) return fail("merge_target_not_published");
      return ok({ status: "merged", mergedIntoId: target.id });
    }
    case "mark_answered":
      return ok({
        status: "answered",
        answer: blankToNull(action.answer),
        answeredBy: blankToNull(action.answeredBy),
        answeredAt: ctx.now,
      });
    case "publish_written_answer": {
      const answer = blankToNull(action.answer);
      if (answer === null) return fail("answer_required");
      return ok({ status: "answered", answer, answeredBy: blankToNull(action.answeredBy), answeredAt: ctx.now });
    }
    case "answer_in_writing": {
      const tz = ctx.timeZone ?? STOCKHOLM_TZ;
      const dueDate = action.dueDate ?? defaultWrittenAnswerDueDate(ctx.now, tz);
      if (!isIsoDate(dueDate)) return fail("invalid_due_date");
      if (dueDate < calendarDate(ctx.now, tz)) return fail("due_date_in_past");
      return ok({ status: "answer_in_writing", dueDate });
    }
  }
}

export interface StatusChange {
  id: number;
  from: QuestionStatus;
  state: QuestionState;
}

export type AnsweringNowResult = { ok: true; changes: StatusChange[] } | { ok: false; error: TransitionErrorCode | "current_other_dialogue" };

/**
 * Only one question per dialogue is "answering now". Given the question currently
 * answering (or null) and the one the moderator picks next, return every change
 * that must be written together (in one transaction).
 *
 * The previous question goes back to `approved` by default — nothing is marked
 * answered that the moderator did not mark; pass `previousBecomes: "answered"` when
 * the UI offers "next question" as "done, next".
 * Picking the question that is already answering now is a no-op (empty change set).
 */
export function answeringNowChanges(
  current: QuestionLike | null,
  next: QuestionLike,
  ctx: TransitionContext & { previousBecomes?: "approved" | "answered" },
): AnsweringNowResult {
  if (current && current.id === next.id) {
    return next.status === "answering_now" ? { ok: true, changes: [] } : { ok: false, error: "invalid_transition" };
  }
  if (current && current.dialogueId !== next.dialogueId) return { ok: false, error: "current_other_dialogue" };
  if (current && current.status !== "answering_now") return { ok: false, error: "invalid_transition" };

  const changes: StatusChange[] = [];
  if (current) {
    const action: QuestionAction = ctx.previousBecomes === "answered" ? { type: "mark_answered" } : { type: "stop_answering" };
    const prev = transition(current, action, ctx);
    if (!prev.ok) return prev;
    changes.push({ id: current.id, from: current.status, state: prev.state });
  }
  const started = transition(next, { type: "start_answering" }, ctx);
  if (!started.ok) return started;
  changes.push({ id: next.id, from: next.status, state: started.state });
  return { ok: true, changes };
}

/** Default due date for a written answer: 14 calendar days after `now` (Stockholm time). */
export function defaultWrittenAnswerDueDate(now: Date, timeZone: string = STOCKHOLM_TZ, days: number = WRITTEN_ANSWER_DEFAULT_DAYS): string {
  return addCalendarDays(calendarDate(now, timeZone), days);
}

/** A written answer is overdue from the day after its due date. */
export function isWrittenAnswerOverdue(dueDate: string, now: Date, timeZone: string = STOCKHOLM_TZ): boolean {
  return calendarDate(now, timeZone) > dueDate;
}

function ok(state: QuestionState): TransitionResult {
  return { ok: true, state };
}

function fail(error: TransitionErrorCode): TransitionResult {
  return { ok: false, error };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
