/**
 * Vote-tally coalescer: collects per-dialogue tally changes and emits at most one
 * update per `intervalMs` per dialogue (default 250 ms, i.e. at most 4 per second),
 * never one message per vote.
 *
 * - Leading edge: the first change for an idle dialogue is emitted at once.
 * - Trailing edge: changes arriving while the dialogue is cooling down are merged
 *   (the highest version per question wins, whatever order the pushes came in: two
 *   transactions can publish in the opposite order to their commits) and emitted when the
 *   interval has passed.
 * - A push older than what this coalescer already sent for that question is dropped, so
 *   its broadcasts never go backwards (clients also keep the newest version they saw).
 * - A dialogue becomes idle again after one full interval without changes.
 *
 * Timers and the clock are injectable so tests can use fake timers. No I/O here:
 * `emit` does the broadcast.
 */

export interface TallyEntry {
  questionId: number;
  votes: number;
  /** questions.tally_version the count was taken at; higher is newer. */
  version: number;
}

export interface TallyUpdate {
  dialogueId: number;
  /** Latest tally for each question that changed since the last update, by questionId ascending. */
  tallies: TallyEntry[];
}

export type TimerHandle = unknown;

export interface CoalescerOptions {
  /** Minimum time between two updates of the same dialogue. Default 250. */
  intervalMs?: number;
  emit: (update: TallyUpdate) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Called when `emit` throws; the coalescer keeps working. Default: console.error. */
  onError?: (error: unknown, update: TallyUpdate) => void;
}

export interface Coalescer {
  /** Record the tally of one question as counted at `version`. */
  push(dialogueId: number, questionId: number, votes: number, version: number): void;
  /** Emit everything pending now, for one dialogue or all, regardless of the interval. */
  flush(dialogueId?: number): void;
  /** Stop all timers and drop pending changes; later pushes are ignored. */
  dispose(): void;
  /** Number of questions with a change not yet emitted (for tests and metrics). */
  pendingCount(dialogueId: number): number;
}

interface DialogueState {
  pending: Map<number, TallyEntry>;
  /** The newest version sent per question, while the dialogue is active. */
  sent: Map<number, number>;
  lastEmitAt: number;
  timer: TimerHandle | null;
}

export const DEFAULT_COALESCE_INTERVAL_MS = 250;

export function createCoalescer(options: CoalescerOptions): Coalescer {
  const intervalMs = options.intervalMs ?? DEFAULT_COALESCE_INTERVAL_MS;
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError("intervalMs must be a positive number");
  const { emit } = options;
  // Read the globals at call time (not at import) so fake timers installed later still apply.
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const onError =
    options.onError ??
    ((error: unknown, update: TallyUpdate) => {
      console.error("vote tally emit failed", { dialogueId: update.dialogueId, error });
    });

  const dialogues = new Map<number, DialogueState>();
  let disposed = false;

  function send(dialogueId: number, state: DialogueState): void {
    const tallies = [...state.pending.values()].sort((a, b) => a.questionId - b.questionId);
    state.pending.clear();
    for (const t of tallies) state.sent.set(t.questionId, t.version);
    state.lastEmitAt = now();
    const update: TallyUpdate = { dialogueId, tallies };
    try {
      emit(update);
    } catch (error) {
      onError(error, update);
    }
  }

  function schedule(dialogueId: number, state: DialogueState, delay: number): void {
    state.timer = setTimer(() => tick(dialogueId), Math.max(0, delay));
  }

  function tick(dialogueId: number): void {
    const state = dialogues.get(dialogueId);
    if (!state || disposed) return;
    state.timer = null;
    const elapsed = now() - state.lastEmitAt;
    if (elapsed < intervalMs) {
      // The timer fired early (clock adjustment or coarse timers): wait for the rest.
      schedule(dialogueId, state, intervalMs - elapsed);
      return;
    }
    if (state.pending.size === 0) {
      dialogues.delete(dialogueId); // a full quiet interval: idle again
      return;
    }
    send(dialogueId, state);
    schedule(dialogueId, state, intervalMs);
  }

  return {
    push(dialogueId, questionId, votes, version) {
      if (disposed) return;
      const entry: TallyEntry = { questionId, votes, version };
      let state = dialogues.get(dialogueId);
      if (!state) {
        state = { pending: new Map([[questionId, entry]]), sent: new Map(), lastEmitAt: 0, timer: null };
        dialogues.set(dialogueId, state);
        send(dialogueId, state); // leading edge
        schedule(dialogueId, state, intervalMs);
        return;
      }
      if (version <= (state.sent.get(questionId) ?? -1)) return; // already sent something newer
      const pending = state.pending.get(questionId);
      if (!pending || pending.version < version) state.pending.set(questionId, entry);
    },

    flush(dialogueId) {
      if (disposed) return;
      const ids = dialogueId === undefined ? [...dialogues.keys()] : [dialogueId];
      for (const id of ids) {
        const state = dialogues.get(id);
        if (state && state.pending.size > 0) send(id, state);
      }
    },

    dispose() {
      disposed = true;
      for (const state of dialogues.values()) {
        if (state.timer !== null) clearTimer(state.timer);
      }
      dialogues.clear();
    },

    pendingCount(dialogueId) {
      return dialogues.get(dialogueId)?.pending.size ?? 0;
    },
  };
}
