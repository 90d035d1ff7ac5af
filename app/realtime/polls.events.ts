/** Live polls protocol (docs/realtime.md#polls). Browser-safe: types and zod schemas only. */
import type { Ack } from "~/realtime/events";
import type { PollAnswerInput, PollControlInput, PollResults, PublicPoll } from "~/domain/polls/polls.schema";

export { PollAnswerSchema, PollControlSchema, PollJoinSchema } from "~/domain/polls/polls.schema";

export interface PollJoinResult {
  /** Open and closed polls (results where revealed): the whole state, so a rejoin replays what was missed. */
  polls: PublicPoll[];
  /** This device's answers: option indexes by poll id. */
  mine: Record<number, number[]>;
  moderator: boolean;
  /** Moderators only: every poll, drafts included, with results. */
  staffPolls?: PublicPoll[];
}

export interface PollResultsUpdate {
  dialogueId: number;
  /** The latest results of each poll that changed since the last update (coalesced, at most 4 a second). */
  polls: Array<{ pollId: number; results: PollResults }>;
}

export interface PollClientEvents {
  "poll:join": (payload: { dialogueId: number }, ack: Ack<PollJoinResult>) => void;
  "poll:leave": (payload: { dialogueId: number }) => void;
  "poll:answer": (payload: PollAnswerInput, ack: Ack<{ pollId: number; choices: number[]; duplicate: boolean }>) => void;
  "poll:control": (payload: PollControlInput, ack: Ack<{ poll: PublicPoll | null }>) => void;
}

export interface PollServerEvents {
  /** A poll was opened, closed, revealed or hidden (results included when revealed). */
  "poll:state": (poll: PublicPoll) => void;
  "poll:results": (update: PollResultsUpdate) => void;
  /** Staff: the dialogue's poll list changed (created, deleted, controlled); re-join for the list. */
  "poll:staff": (payload: { dialogueId: number }) => void;
}

export const pollRoom = (dialogueId: number) => `polls:${dialogueId}`;
export const pollStaffRoom = (dialogueId: number) => `polls:${dialogueId}:staff`;
