/**
 * The browser's view of a dialogue's Q&A, rebuilt from a snapshot plus
 * sequenced events. Pure and unit-tested; the socket hook feeds it.
 */
import type { PublicQuestion, QaEvent, QaSnapshot, QueueDelta, QueueItem } from "~/domain/questions/qa.server";

export interface LiveState {
  dialogueId: number;
  seq: number;
  submissionsOpen: boolean;
  currentQuestionId: number | null;
  questions: Record<number, PublicQuestion>;
}

export function fromSnapshot(s: QaSnapshot): LiveState {
  const questions: Record<number, PublicQuestion> = {};
  for (const q of s.questions) questions[q.id] = q;
  return { dialogueId: s.dialogueId, seq: s.seq, submissionsOpen: s.submissionsOpen, currentQuestionId: s.currentQuestionId, questions };
}

export type ApplyResult = { state: LiveState; status: "applied" | "stale" | "gap" };

/** Applies one event: in order it applies, already-seen it is ignored, ahead of order it reports a gap (resync needed). */
export function applyEvent(state: LiveState, e: QaEvent): ApplyResult {
  if (e.dialogueId !== state.dialogueId || e.seq <= state.seq) return { state, status: "stale" };
  if (e.seq !== state.seq + 1) return { state, status: "gap" };
  const next: LiveState = { ...state, seq: e.seq };
  switch (e.type) {
    case "upsert":
      next.questions = { ...state.questions, [e.question.id]: e.question };
      break;
    case "remove": {
      const { [e.questionId]: _removed, ...rest } = state.questions;
      next.questions = rest;
      break;
    }
    case "current":
      next.currentQuestionId = e.questionId;
      break;
    case "submissions":
      next.submissionsOpen = e.open;
      break;
  }
  return { state: next, status: "applied" };
}

export function applyTallies(state: LiveState, tallies: ReadonlyArray<{ questionId: number; votes: number }>): LiveState {
  let questions = state.questions;
  for (const t of tallies) {
    const q = questions[t.questionId];
    if (q && q.votes !== t.votes) {
      if (questions === state.questions) questions = { ...questions };
      questions[t.questionId] = { ...q, votes: t.votes };
    }
  }
  return questions === state.questions ? state : { ...state, questions };
}

/** The moderators' queue after a delta: changed items replaced in place, new ones appended in id order, removed ones gone. */
export function applyQueueDelta(queue: readonly QueueItem[], delta: QueueDelta): QueueItem[] {
  const removed = new Set(delta.removed);
  const byId = new Map(delta.upserts.map((q) => [q.id, q]));
  const next = queue.filter((q) => !removed.has(q.id)).map((q) => byId.get(q.id) ?? q);
  const known = new Set(next.map((q) => q.id));
  for (const q of delta.upserts) if (!known.has(q.id) && !removed.has(q.id)) next.push(q);
  return next.sort((a, b) => a.id - b.id);
}

/** Someone claimed a waiting question: everyone sees who has it until when. */
export function applyClaim(
  queue: readonly QueueItem[],
  claim: { questionId: number; byId: number | null; by: string | null; until: string | null },
): QueueItem[] {
  return queue.map((q) =>
    q.id === claim.questionId
      ? { ...q, claimedBy: claim.byId !== null ? { id: claim.byId, name: claim.by ?? "" } : null, claimedUntil: claim.byId !== null ? claim.until : null }
      : q,
  );
}
