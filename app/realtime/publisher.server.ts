import type { Server } from "socket.io";
import { createCoalescer } from "../domain/questions/coalesce";
import type { QaEffects } from "../domain/questions/qa.server";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./events";
import { participantRoom, qaRoom, qaStaffRoom } from "./qa.events";

export type TryggveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The narrow interface actions get: they publish after their write commits and
 * never touch `io` directly. With the Redis adapter this keeps working unchanged.
 */
export interface Publisher {
  emit<E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** A vote tally changed; broadcast coalesced (at most 4 updates a second per dialogue). */
  tally(dialogueId: number, questionId: number, votes: number): void;
  close(): void;
}

export function createPublisher(io: TryggveServer): Publisher {
  const coalescer = createCoalescer({
    emit: (update) => io.to(qaRoom(update.dialogueId)).emit("qa:tally", update),
  });
  return {
    emit(room, event, ...args) {
      io.to(room).emit(event, ...args);
    },
    tally(dialogueId, questionId, votes) {
      coalescer.push(dialogueId, questionId, votes);
    },
    close() {
      coalescer.dispose();
    },
  };
}

/** Sends what a committed Q&A write produced: sequenced public events, private notices, staff refresh, tallies. */
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
  if (effects.queueChanged) publisher.emit(qaStaffRoom(dialogueId), "qa:queue", { dialogueId });
  if (effects.tally) publisher.tally(effects.tally.dialogueId, effects.tally.questionId, effects.tally.votes);
}

/** For scripts and tests that run without a socket server. */
export const noopPublisher: Publisher = { emit() {}, tally() {}, close() {} };
