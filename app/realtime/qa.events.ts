/** Live Q&A protocol (docs/realtime.md#live-qa). Browser-safe: types and zod schemas only. */
import { z } from "zod";
import type { Ack } from "~/realtime/events";
import type { TallyUpdate } from "~/domain/questions/coalesce";
import { idSchema, type ModerationInput, type SubmitQuestionInput } from "~/domain/questions/questions.schema";
import type { QuestionStatus } from "~/domain/questions/status";
import type { PublicCounts, QaEvent, QaSnapshot, QueueDelta, QueueItem, SyncResult } from "~/domain/questions/qa.server";

export type { QaEvent, QaSnapshot, QueueItem, SyncResult };

/** `queueAfter`: moderators, the queue page to send (after that question id; docs/realtime.md). */
export const QaJoinSchema = z.object({ dialogueId: idSchema, lastSeq: z.number().int().min(0).nullish(), queueAfter: idSchema.nullish() }).strict();
export type QaJoin = z.infer<typeof QaJoinSchema>;
export const QaDialogueSchema = z.object({ dialogueId: idSchema }).strict();
export const QaClaimSchema = z.object({ dialogueId: idSchema, questionId: idSchema }).strict();
export const QaSubmissionsSchema = z.object({ dialogueId: idSchema, open: z.boolean() }).strict();

export interface QaJoinResult {
  sync: SyncResult;
  /** The participant's own votes in this dialogue (question ids). */
  myVotes: number[];
  moderator: boolean;
  /** The public counts (approved, waiting, rejected by rule). */
  counts: PublicCounts;
  /** Moderators only: the waiting queue's page (the first, or the one after `queueAfter`), so a (re)join heals any missed `qa:queue` delta. */
  queue?: QueueItem[];
  /** Moderators only: where that page lies in the whole queue. */
  queuePage?: QueuePageInfo;
}

/** A page of the moderation queue: how many wait in all, how many come before it, and how to reach the next. */
export interface QueuePageInfo {
  total: number;
  before: number;
  afterId: number | null;
  nextAfterId: number | null;
}

/** The public counts of a dialogue's moderation, after a change. */
export interface QaCounts extends PublicCounts {
  dialogueId: number;
}

/** A moderator claimed a waiting question (`byId`/`by` null: released). */
export interface QaClaimed {
  dialogueId: number;
  questionId: number;
  byId: number | null;
  by: string | null;
  until: string | null;
}

/** A change to the moderation queue: waiting items added or changed, ids that left it. */
export interface QaQueueUpdate extends QueueDelta {
  dialogueId: number;
}

export interface QaPrivateNotice {
  dialogueId: number;
  questionId: number;
  status: QuestionStatus;
  rule: string | null;
}

export interface QaClientEvents {
  "qa:join": (payload: QaJoin, ack: Ack<QaJoinResult>) => void;
  "qa:leave": (payload: { dialogueId: number }) => void;
  "qa:ask": (payload: SubmitQuestionInput, ack: Ack<{ questionId: number; status: QuestionStatus; duplicate: boolean }>) => void;
  "qa:vote": (payload: { dialogueId: number; questionId: number; voted: boolean }, ack: Ack<{ voted: boolean; votes: number; version: number }>) => void;
  "qa:moderate": (payload: ModerationInput, ack: Ack<{ done: true }>) => void;
  "qa:claim": (payload: { dialogueId: number; questionId: number }, ack: Ack<{ until: string }>) => void;
  "qa:submissions": (payload: { dialogueId: number; open: boolean }, ack: Ack<{ open: boolean }>) => void;
}

export interface QaServerEvents {
  "qa:event": (event: QaEvent) => void;
  "qa:tally": (update: TallyUpdate) => void;
  "qa:private": (notice: QaPrivateNotice) => void;
  "qa:queue": (payload: QaQueueUpdate) => void;
  "qa:counts": (payload: QaCounts) => void;
  "qa:claimed": (payload: QaClaimed) => void;
}

export const qaRoom = (dialogueId: number) => `qa:${dialogueId}`;
export const qaStaffRoom = (dialogueId: number) => `qa:${dialogueId}:staff`;
export const participantRoom = (participantId: string) => `participant:${participantId}`;
