import type { Server } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "./events";

export type TryggveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The narrow interface actions get: they publish after their write commits and
 * never touch `io` directly. With the Redis adapter this keeps working unchanged.
 */
export interface Publisher {
  emit<E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}

export function createPublisher(io: TryggveServer): Publisher {
  return {
    emit(room, event, ...args) {
      io.to(room).emit(event, ...args);
    },
  };
}

/** For scripts and tests that run without a socket server. */
export const noopPublisher: Publisher = { emit() {} };
