/**
 * Live polls in the browser (docs/realtime.md#polls): joins the dialogue's polls on the tab's
 * shared socket, re-joins after every reconnect (the ack is the whole state, so nothing missed
 * while away is lost), applies `poll:state` and the coalesced `poll:results`, and answers over
 * the socket. Without a socket the page's forms post instead (~/http/polls.server.ts).
 */
import { useCallback, useEffect, useState } from "react";
import type { PollResults, PublicPoll } from "~/domain/polls/polls.schema";
import type { AckResponse } from "~/realtime/events";
import type { PollResultsUpdate } from "~/realtime/polls.events";
import { emitAck, useSocket } from "~/realtime/use-socket";

export interface PollsLiveState {
  polls: PublicPoll[];
  mine: Record<number, number[]>;
}

function upsert(list: PublicPoll[], poll: PublicPoll): PublicPoll[] {
  const i = list.findIndex((p) => p.id === poll.id);
  if (i === -1) return [...list, poll];
  const next = list.slice();
  next[i] = poll;
  return next;
}

function withResults(list: PublicPoll[], update: PollResultsUpdate, staff: boolean): PublicPoll[] {
  const byId = new Map<number, PollResults>(update.polls.map((p) => [p.pollId, p.results]));
  return list.map((p) => {
    const results = byId.get(p.id);
    // Residents only ever receive revealed results; staff see them all.
    return results && (staff || p.revealed) ? { ...p, results } : p;
  });
}

export function usePollsLive(dialogueId: number, initial: PollsLiveState, opts: { staff?: boolean } = {}) {
  const { socket, connected } = useSocket();
  const [state, setState] = useState<PollsLiveState>(initial);
  const staff = opts.staff ?? false;

  // New loader data (a form post, a navigation) replaces the state.
  useEffect(() => setState(initial), [initial]);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("poll:join", { dialogueId }, (res) => {
        if (!res.ok) return;
        setState({ polls: staff && res.data.staffPolls ? res.data.staffPolls : res.data.polls, mine: res.data.mine });
      });
    };
    const onState = (poll: PublicPoll) => {
      if (poll.dialogueId !== dialogueId) return;
      setState((s) => {
        // A staff list keeps the results it already has when a public state change carries none.
        const previous = s.polls.find((p) => p.id === poll.id);
        const merged = staff && !poll.results && previous?.results ? { ...poll, results: previous.results } : poll;
        return { ...s, polls: upsert(s.polls, merged) };
      });
    };
    const onResults = (u: PollResultsUpdate) => {
      if (u.dialogueId === dialogueId) setState((s) => ({ ...s, polls: withResults(s.polls, u, staff) }));
    };
    const onStaff = (p: { dialogueId: number }) => {
      if (p.dialogueId === dialogueId) join();
    };
    socket.on("connect", join);
    socket.on("poll:state", onState);
    socket.on("poll:results", onResults);
    socket.on("poll:staff", onStaff);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("poll:state", onState);
      socket.off("poll:results", onResults);
      socket.off("poll:staff", onStaff);
      if (socket.connected) socket.emit("poll:leave", { dialogueId });
    };
  }, [socket, dialogueId, staff]);

  /** Answers over the socket; null when there is no connected socket (the form posts instead). */
  const answer = useCallback(
    async (
      pollId: number,
      choices: number[],
      idempotencyKey: string,
    ): Promise<AckResponse<{ pollId: number; choices: number[]; duplicate: boolean }> | null> => {
      if (!socket || !socket.connected) return null;
      const res = await emitAck(socket, "poll:answer", { dialogueId, pollId, choices, idempotencyKey });
      if (res.ok) setState((s) => ({ ...s, mine: { ...s.mine, [pollId]: res.data.choices } }));
      return res;
    },
    [socket, dialogueId],
  );

  return { state, connected, answer, socket };
}
