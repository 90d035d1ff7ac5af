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
    case "upsert": {
      // The event's votes were counted when it was written; keep a newer tally already shown.
      const known = state.questions[e.question.id];
      const question =
        known && known.tallyVersion > (e.question.tallyVersion ?? 0) ? { ...e.question, votes: known.votes, tallyVersion: known.tallyVersion } : e.question;
      next.questions = { ...state.questions, [e.question.id]: question };
      break;
    }
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

/**
 * Applies tallies. One with a `version` (counted by the server) applies only if it is newer than
 * the version shown, so a client never shows an older count after a newer one, whatever order
 * broadcasts, acks and replays arrive in. One without (the device's own optimistic vote) applies
 * and keeps the version, so the next counted tally replaces it.
 */
export function applyTallies(state: LiveState, tallies: ReadonlyArray<{ questionId: number; votes: number; version?: number }>): LiveState {
  let questions = state.questions;
  for (const t of tallies) {
    const q = questions[t.questionId];
    if (!q) continue;
    const known = q.tallyVersion ?? 0;
    if (t.version !== undefined && t.version <= known) continue;
    const tallyVersion = t.version ?? known;
    if (q.votes !== t.votes || q.tallyVersion !== tallyVersion) {
      if (questions === state.questions) questions = { ...questions };
      questions[t.questionId] = { ...q, votes: t.votes, tallyVersion };
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
