/**
 * Live Q&A state for one dialogue, on the tab's shared socket. After every
 * (re)connect it re-joins with the last sequence number it applied and receives
 * exactly what it missed, or a snapshot. It also sends the live actions (ask, vote,
 * moderate, claim, pause) as acknowledged events: the ack and the events that follow
 * are what update the screen, never a reload of the page's data.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { SubmitQuestionInput, ModerationInput } from "~/domain/questions/questions.schema";
import { applyEvent, applyTallies, fromSnapshot, type LiveState } from "~/domain/questions/live-state";
import type { PublicCounts, QaSnapshot } from "~/domain/questions/qa.server";
import type { AckFailure, AckResponse } from "~/realtime/events";
import type { QaClaimed, QaCounts, QaEvent, QaPrivateNotice, QaQueueUpdate, QueueItem, QueuePageInfo } from "~/realtime/qa.events";
import { emitAck, useSocket } from "~/realtime/use-socket";

export interface QaLiveOptions {
  onPublished?: (text: string, kind: "new" | "answering") => void;
  onPrivate?: (notice: QaPrivateNotice) => void;
  /** Moderators: the queue's page, sent with every (re)join, and where it lies in the whole queue. */
  onQueueSnapshot?: (queue: QueueItem[], page?: QueuePageInfo) => void;
  /** Moderators: the queue page shown (after this question id; null or absent: the first). */
  queueAfter?: number | null;
  /** Moderators: one change to the queue. */
  onQueue?: (update: QaQueueUpdate) => void;
  onClaimed?: (p: QaClaimed) => void;
}

export type VoteOutcome = { ok: true } | AckFailure;

export function useQaLive(initial: QaSnapshot, initialVotes: number[], options: QaLiveOptions = {}, initialCounts: PublicCounts | null = null) {
  const { socket, connected } = useSocket();
  const [counts, setCounts] = useState<PublicCounts | null>(initialCounts);
  const [state, setState] = useState<LiveState>(() => fromSnapshot(initial));
  const [myVotes, setMyVotes] = useState<Set<number>>(() => new Set(initialVotes));
  const stateRef = useRef(state);
  stateRef.current = state;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const dialogueId = initial.dialogueId;

  // A fresh loader snapshot (a navigation to this page) replaces older state.
  useEffect(() => {
    if (initial.seq >= stateRef.current.seq) setState(fromSnapshot(initial));
  }, [initial]);
  // Keyed by content, not identity: callers may pass a fresh array on every render.
  const votesKey = initialVotes.join(",");
  useEffect(() => {
    setMyVotes(new Set(votesKey ? votesKey.split(",").map(Number) : []));
  }, [votesKey]);

  const commit = useCallback((next: LiveState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  /** Applies events in order (from a form post's answer or the socket); a gap means a rejoin will heal it. */
  const applyEvents = useCallback(
    (events: QaEvent[]): "applied" | "gap" => {
      let s = stateRef.current;
      for (const e of events) {
        const r = applyEvent(s, e);
        if (r.status === "gap") return "gap";
        s = r.state;
      }
      commit(s);
      return "applied";
    },
    [commit],
  );

  useEffect(() => {
    if (!socket) return;
    // Queue deltas and claims that arrive while a join is on its way: the join's queue snapshot may
    // have been read before them, so they are applied again on top of it (both are idempotent).
    let duringJoin: Array<{ kind: "queue"; u: QaQueueUpdate } | { kind: "claim"; c: QaClaimed }> | null = null;
    const join = () => {
      const queueAfter = optionsRef.current.queueAfter ?? null;
      duringJoin = [];
      socket.emit("qa:join", { dialogueId, lastSeq: stateRef.current.seq, ...(queueAfter ? { queueAfter } : {}) }, (res) => {
        const replay = duringJoin ?? [];
        duringJoin = null;
        if (!res.ok) return;
        const { sync } = res.data;
        if (sync.mode === "snapshot") {
          commit(fromSnapshot(sync.snapshot));
        } else {
          let s = stateRef.current;
          for (const e of sync.events) s = applyEvent(s, e).state;
          commit(applyTallies(s, sync.tallies));
        }
        setMyVotes(new Set(res.data.myVotes));
        setCounts(res.data.counts);
        if (res.data.queue) {
          optionsRef.current.onQueueSnapshot?.(res.data.queue, res.data.queuePage);
          for (const r of replay) {
            if (r.kind === "queue") optionsRef.current.onQueue?.(r.u);
            else optionsRef.current.onClaimed?.(r.c);
          }
        }
      });
    };
    const onEvent = (e: QaEvent) => {
      if (e.dialogueId !== dialogueId) return;
      const before = stateRef.current;
      const result = applyEvent(before, e);
      if (result.status === "gap") return join();
      if (result.status !== "applied") return;
      commit(result.state);
      if (e.type === "upsert" && !before.questions[e.question.id]) optionsRef.current.onPublished?.(e.question.text, "new");
      if (e.type === "current" && e.questionId !== null) {
        const q = result.state.questions[e.questionId];
        if (q) optionsRef.current.onPublished?.(q.text, "answering");
      }
    };
    const onTally = (u: { dialogueId: number; tallies: Array<{ questionId: number; votes: number }> }) => {
      if (u.dialogueId === dialogueId) commit(applyTallies(stateRef.current, u.tallies));
    };
    const onPrivate = (n: QaPrivateNotice) => {
      if (n.dialogueId === dialogueId) optionsRef.current.onPrivate?.(n);
    };
    const onQueue = (u: QaQueueUpdate) => {
      if (u.dialogueId !== dialogueId) return;
      duringJoin?.push({ kind: "queue", u });
      optionsRef.current.onQueue?.(u);
    };
    const onCounts = ({ dialogueId: id, ...c }: QaCounts) => {
      if (id === dialogueId) setCounts(c);
    };
    const onClaimed = (p: QaClaimed) => {
      if (p.dialogueId !== dialogueId) return;
      duringJoin?.push({ kind: "claim", c: p });
      optionsRef.current.onClaimed?.(p);
    };
    socket.on("connect", join);
    socket.on("qa:event", onEvent);
    socket.on("qa:tally", onTally);
    socket.on("qa:private", onPrivate);
    socket.on("qa:queue", onQueue);
    socket.on("qa:claimed", onClaimed);
    socket.on("qa:counts", onCounts);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("qa:event", onEvent);
      socket.off("qa:tally", onTally);
      socket.off("qa:private", onPrivate);
      socket.off("qa:queue", onQueue);
      socket.off("qa:claimed", onClaimed);
      socket.off("qa:counts", onCounts);
      if (socket.connected) socket.emit("qa:leave", { dialogueId });
    };
  }, [socket, dialogueId, commit]);

  const setVoted = useCallback((questionId: number, voted: boolean) => {
    setMyVotes((prev) => {
      const next = new Set(prev);
      if (voted) next.add(questionId);
      else next.delete(questionId);
      return next;
    });
  }, []);

  /** Records a vote's outcome that came back from a form post (no socket). */
  const markVoted = useCallback(
    (questionId: number, voted: boolean, votes?: number, version?: number) => {
      setVoted(questionId, voted);
      if (votes !== undefined) commit(applyTallies(stateRef.current, [{ questionId, votes, version }]));
    },
    [commit, setVoted],
  );

  /** Votes over the socket, optimistically: the button and count change at once and are put back if the server refuses. */
  const vote = useCallback(
    async (questionId: number, voted: boolean): Promise<VoteOutcome> => {
      if (!socket) return { ok: false, error: "internal", key: "qa.errors.voteFailed" };
      const before = stateRef.current.questions[questionId]?.votes;
      const beforeVersion = stateRef.current.questions[questionId]?.tallyVersion;
      setVoted(questionId, voted);
      if (before !== undefined) commit(applyTallies(stateRef.current, [{ questionId, votes: Math.max(0, before + (voted ? 1 : -1)) }]));
      const res = await emitAck(socket, "qa:vote", { dialogueId, questionId, voted });
      if (res.ok) {
        setVoted(questionId, res.data.voted);
        commit(applyTallies(stateRef.current, [{ questionId, votes: res.data.votes, version: res.data.version }]));
        return { ok: true };
      }
      setVoted(questionId, !voted);
      // Put the count back unless a newer counted tally arrived meanwhile (it already includes the truth).
      if (before !== undefined && stateRef.current.questions[questionId]?.tallyVersion === beforeVersion) {
        commit(applyTallies(stateRef.current, [{ questionId, votes: before }]));
      }
      return res;
    },
    [socket, dialogueId, setVoted, commit],
  );

  const ask = useCallback(
    (input: Omit<SubmitQuestionInput, "dialogueId">) => (socket ? emitAck(socket, "qa:ask", { ...input, dialogueId }) : Promise.resolve(offline<never>())),
    [socket, dialogueId],
  );
  const moderate = useCallback((input: ModerationInput) => (socket ? emitAck(socket, "qa:moderate", input) : Promise.resolve(offline<never>())), [socket]);
  const claim = useCallback(
    (questionId: number) => (socket ? emitAck(socket, "qa:claim", { dialogueId, questionId }) : Promise.resolve(offline<never>())),
    [socket, dialogueId],
  );
  const setSubmissions = useCallback(
    (open: boolean) => (socket ? emitAck(socket, "qa:submissions", { dialogueId, open }) : Promise.resolve(offline<never>())),
    [socket, dialogueId],
  );

  return { state, counts, myVotes, connected, markVoted, applyEvents, vote, ask, moderate, claim, setSubmissions };
}

function offline<T>(): AckResponse<T> {
  return { ok: false, error: "internal", reason: "timeout", key: "qa.errors.timeout" };
}
