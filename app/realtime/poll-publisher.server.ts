/**
 * Publishing what a committed poll write produced (docs/realtime.md#polls). Results are
 * coalesced like vote tallies: per dialogue at most one `poll:results` per 250 ms to each room
 * (leading edge at once, changes in the interval merged into the trailing one), and the results
 * are read from the database when they are sent, never once per answer. Revealed polls' results
 * go to everyone in the dialogue's poll room; unrevealed ones only to its staff room.
 */
import type { DB } from "../../db/connection";
import type { PollEffects } from "~/domain/polls/polls.server";
import { staffPollResults } from "~/domain/polls/polls.server";
import type { Publisher } from "~/realtime/publisher.server";
import { pollRoom, pollStaffRoom } from "~/realtime/polls.events";

export const POLL_RESULTS_INTERVAL_MS = 250;

interface DialogueState {
  pending: Set<number>;
  timer: ReturnType<typeof setTimeout> | null;
  lastSentAt: number;
}

export interface PollPublisher {
  /** An answer changed a poll's results: send them coalesced. */
  changed(dialogueId: number, pollId: number): void;
}

const byPublisher = new WeakMap<Publisher, PollPublisher>();

/** The one results coalescer of a publisher (so the socket handlers and the form posts share it). */
export function pollPublisher(publisher: Publisher, db: DB, intervalMs: number = POLL_RESULTS_INTERVAL_MS): PollPublisher {
  const existing = byPublisher.get(publisher);
  if (existing) return existing;
  const dialogues = new Map<number, DialogueState>();

  async function send(dialogueId: number, state: DialogueState) {
    const ids = [...state.pending];
    state.pending.clear();
    state.lastSentAt = Date.now();
    try {
      const rows = await staffPollResults(db, ids);
      const open = rows.filter((r) => r.revealed).map((r) => ({ pollId: r.pollId, results: r.results }));
      const hidden = rows.filter((r) => !r.revealed).map((r) => ({ pollId: r.pollId, results: r.results }));
      if (open.length > 0) publisher.emit(pollRoom(dialogueId), "poll:results", { dialogueId, polls: open });
      if (hidden.length > 0) publisher.emit(pollStaffRoom(dialogueId), "poll:results", { dialogueId, polls: hidden });
    } catch {
      // The server is shutting down (database closed); nothing to send.
    }
  }

  function arm(dialogueId: number, state: DialogueState) {
    state.timer = setTimeout(() => {
      state.timer = null;
      if (state.pending.size === 0) {
        dialogues.delete(dialogueId); // a quiet interval: the next change goes out at once
        return;
      }
      void send(dialogueId, state);
      arm(dialogueId, state);
    }, intervalMs);
    state.timer.unref?.();
  }

  const pp: PollPublisher = {
    changed(dialogueId, pollId) {
      let state = dialogues.get(dialogueId);
      if (!state) {
        state = { pending: new Set([pollId]), timer: null, lastSentAt: 0 };
        dialogues.set(dialogueId, state);
        void send(dialogueId, state);
        arm(dialogueId, state);
        return;
      }
      state.pending.add(pollId);
    },
  };
  byPublisher.set(publisher, pp);
  return pp;
}

/** Sends a committed poll write's effects: state changes at once, results coalesced, a nudge to staff. */
export function publishPollEffects(publisher: Publisher, db: DB, effects: PollEffects): void {
  if (effects.poll) publisher.emit(pollRoom(effects.dialogueId), "poll:state", effects.poll);
  if (effects.answered) pollPublisher(publisher, db).changed(effects.dialogueId, effects.answered.pollId);
  else if (effects.staff) publisher.emit(pollStaffRoom(effects.dialogueId), "poll:staff", { dialogueId: effects.dialogueId });
}
