import type { Server } from "socket.io";
import { createCoalescer, type TallyUpdate } from "~/domain/questions/coalesce";
import type { PublicCounts, QaEffects } from "~/domain/questions/qa.server";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "~/realtime/events";
import { participantRoom, qaRoom, qaStaffRoom } from "~/realtime/qa.events";

export type TryggveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The narrow interface actions get: they publish after their write commits and
 * never touch `io` directly. With the Redis adapter this keeps working unchanged.
 */
export interface Publisher {
  emit<E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** A vote tally changed; broadcast coalesced (at most 4 updates a second per dialogue). */
  tally(dialogueId: number, questionId: number, votes: number, version: number): void;
  /** The public moderation counts changed; broadcast at most once a second per dialogue (first and last change sent). */
  counts(dialogueId: number, counts: PublicCounts): void;
  /**
   * A staff session ended (sign-out) or a staff member lost access (disabled, role changed,
   * signed out everywhere): their open sockets are disconnected at once, so staff rooms stop
   * reaching them. `exceptSessionHash` spares one session's sockets (a password change ends the
   * other sessions, not this one). The browser reconnects as whoever its cookies now say.
   */
  disconnectStaff(match: { sessionHash: string } | { staffId: number; exceptSessionHash?: string }): Promise<void>;
  close(): void;
}

/**
 * Above this many sockets in a dialogue's room, tallies are sent once a second instead of four
 * times: each broadcast costs the event loop about 10 µs per socket (bench:qa), so at 5,000
 * attendees 4/s would spend most of the loop on tallies while votes wait for their acks.
 */
export const LARGE_ROOM = 1000;

/** At most one `qa:counts` per dialogue per this interval (leading and trailing edge). */
export const COUNTS_INTERVAL_MS = 1000;

export function createPublisher(io: TryggveServer): Publisher {
  const emit = (update: TallyUpdate) => io.to(qaRoom(update.dialogueId)).emit("qa:tally", update);
  const fast = createCoalescer({ intervalMs: 250, emit });
  const slow = createCoalescer({ intervalMs: 1000, emit });
  // Asks change the public "waiting" count; in a crowd that would be one room-wide broadcast per question.
  const countTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const pendingCounts = new Map<number, PublicCounts>();
  const sendCounts = (dialogueId: number, counts: PublicCounts) => io.to(qaRoom(dialogueId)).emit("qa:counts", { dialogueId, ...counts });
  const armCounts = (dialogueId: number) => {
    countTimers.set(
      dialogueId,
      setTimeout(() => {
        const pending = pendingCounts.get(dialogueId);
        pendingCounts.delete(dialogueId);
        countTimers.delete(dialogueId);
        if (pending) {
          sendCounts(dialogueId, pending);
          armCounts(dialogueId);
        }
      }, COUNTS_INTERVAL_MS),
    );
  };
  return {
    emit(room, event, ...args) {
      io.to(room).emit(event, ...args);
    },
    tally(dialogueId, questionId, votes, version) {
      const size = io.sockets.adapter.rooms.get(qaRoom(dialogueId))?.size ?? 0;
      const [use, other] = size > LARGE_ROOM ? [slow, fast] : [fast, slow];
      // Crossing the threshold: send what the other coalescer holds first, so tallies never go backwards.
      if (other.pendingCount(dialogueId) > 0) other.flush(dialogueId);
      use.push(dialogueId, questionId, votes, version);
    },
    async disconnectStaff(match) {
      // fetchSockets also reaches other nodes once an adapter is in place.
      for (const socket of await io.fetchSockets()) {
        const staff = socket.data.staff;
        if (!staff) continue;
        const hit =
          "sessionHash" in match ? staff.sessionHash === match.sessionHash : staff.id === match.staffId && staff.sessionHash !== match.exceptSessionHash;
        if (hit) socket.disconnect(true);
      }
    },
    counts(dialogueId, counts) {
      if (countTimers.has(dialogueId)) return void pendingCounts.set(dialogueId, counts);
      sendCounts(dialogueId, counts);
      armCounts(dialogueId);
    },
    close() {
      fast.dispose();
      slow.dispose();
      for (const t of countTimers.values()) clearTimeout(t);
      countTimers.clear();
      pendingCounts.clear();
    },
  };
}

/** Sends what a committed Q&A write produced: sequenced public events, private notices, queue deltas to staff, tallies. */
export function publishQaEffects(publisher: Publisher, dialogueId: number, effects: QaEffects): void {
  for (const event of effects.events) publisher.emit(qaRoom(event.dialogueId), "qa:event", event);
  for (const n of effects.notices) {
    publisher.emit(participantRoom(n.participantId), "qa:private", {
      dialogueId: n.dialogueId,
      questionId: n.questionId,
      status: n.status,
      rule: n.rule,
    });
  }
  if (effects.queue.upserts.length > 0 || effects.queue.removed.length > 0) {
    publisher.emit(qaStaffRoom(dialogueId), "qa:queue", { dialogueId, ...effects.queue });
  }
  if (effects.counts) publisher.counts(dialogueId, effects.counts);
  if (effects.tally) publisher.tally(effects.tally.dialogueId, effects.tally.questionId, effects.tally.votes, effects.tally.version);
}

/** A moderator claimed a waiting question: other moderators see who has it until when. */
export function publishClaim(publisher: Publisher, target: { dialogueId: number; questionId: number }, by: { id: number; name: string }, until: string): void {
  publisher.emit(qaStaffRoom(target.dialogueId), "qa:claimed", {
    dialogueId: target.dialogueId,
    questionId: target.questionId,
    byId: by.id,
    by: by.name,
    until,
  });
}

/** For scripts and tests that run without a socket server. */
export const noopPublisher: Publisher = { emit() {}, tally() {}, counts() {}, async disconnectStaff() {}, close() {} };
