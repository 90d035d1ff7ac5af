/**
 * The browser's view of a dialogue's Q&A, rebuilt from a snapshot plus
 * sequenced events. Pure and unit-tested; the socket hook feeds it.
 */
import type { PublicQuestion, QaEvent, QaSnapshot } from "~/domain/questions/qa.server";

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
