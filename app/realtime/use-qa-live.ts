import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { applyEvent, applyTallies, fromSnapshot, type LiveState } from "~/domain/questions/live-state";
import type { QaSnapshot } from "~/domain/questions/qa.server";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/events";
import type { QaEvent, QaPrivateNotice } from "~/realtime/qa.events";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface QaLiveOptions {
  onPublished?: (text: string, kind: "new" | "answering") => void;
  onPrivate?: (notice: QaPrivateNotice) => void;
  onQueue?: () => void;
  onClaimed?: (p: { questionId: number; by: string | null }) => void;
}

/**
 * Live Q&A state for one dialogue. The socket is created in an effect (never at
 * module scope); after every (re)connect it re-joins with the last sequence
 * number it applied and receives exactly what it missed, or a snapshot.
 */
export function useQaLive(initial: QaSnapshot, initialVotes: number[], options: QaLiveOptions = {}) {
  const [state, setState] = useState<LiveState>(() => fromSnapshot(initial));
  const [myVotes, setMyVotes] = useState<Set<number>>(() => new Set(initialVotes));
  const [connected, setConnected] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const dialogueId = initial.dialogueId;

  // A fresh loader snapshot (after a form post) replaces older state.
  useEffect(() => {
    if (initial.seq >= stateRef.current.seq) setState(fromSnapshot(initial));
  }, [initial]);
  // Keyed by content, not identity: callers may pass a fresh array on every render.
  const votesKey = initialVotes.join(",");
  useEffect(() => {
    setMyVotes(new Set(votesKey ? votesKey.split(",").map(Number) : []));
  }, [votesKey]);

  useEffect(() => {
    const socket: ClientSocket = io({ transports: ["websocket", "polling"] });

    const join = () => {
      socket.emit("qa:join", { dialogueId, lastSeq: stateRef.current.seq }, (res) => {
        if (!res.ok) return;
        const { sync } = res.data;
        if (sync.mode === "snapshot") {
          setState(fromSnapshot(sync.snapshot));
        } else {
          let s = stateRef.current;
          for (const e of sync.events) s = applyEvent(s, e).state;
          s = applyTallies(s, sync.tallies);
          setState(s);
        }
        setMyVotes(new Set(res.data.myVotes));
      });
    };

    socket.on("connect", () => {
      setConnected(true);
      join();
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("qa:event", (e: QaEvent) => {
      if (e.dialogueId !== dialogueId) return;
      const before = stateRef.current;
      const result = applyEvent(before, e);
      if (result.status === "gap") return join();
      if (result.status !== "applied") return;
      stateRef.current = result.state;
      setState(result.state);
      if (e.type === "upsert" && !before.questions[e.question.id]) optionsRef.current.onPublished?.(e.question.text, "new");
      if (e.type === "current" && e.questionId !== null) {
        const q = result.state.questions[e.questionId];
        if (q) optionsRef.current.onPublished?.(q.text, "answering");
      }
    });
    socket.on("qa:tally", (u) => {
      if (u.dialogueId === dialogueId) setState((s) => applyTallies(s, u.tallies));
    });
    socket.on("qa:private", (n) => optionsRef.current.onPrivate?.(n));
    socket.on("qa:queue", () => optionsRef.current.onQueue?.());
    socket.on("qa:claimed", (p) => optionsRef.current.onClaimed?.(p));
    return () => {
      socket.emit("qa:leave", { dialogueId });
      socket.disconnect();
    };
  }, [dialogueId]);

  const markVoted = useCallback((questionId: number, voted: boolean, votes?: number) => {
    setMyVotes((prev) => {
      const next = new Set(prev);
      if (voted) next.add(questionId);
      else next.delete(questionId);
      return next;
    });
    if (votes !== undefined) setState((s) => applyTallies(s, [{ questionId, votes }]));
  }, []);

  return { state, myVotes, connected, markVoted };
}
