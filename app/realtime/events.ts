/**
 * The typed socket.io protocol shared by server and browser. Every event is
 * documented in docs/realtime.md; keep the two in step.
 */
import type { StaffRole } from "~/domain/staff/roles";
import type { PresenceClientEvents, PresenceServerEvents } from "~/realtime/presence.events";
import type { QaClientEvents, QaServerEvents } from "~/realtime/qa.events";
import type { WalkClientEvents, WalkServerEvents } from "~/realtime/walks.events";

export interface WhoAmI {
  staff: { id: number; role: StaffRole; organisationId: number | null } | null;
  participant: boolean;
}

export type Ack<T> = (response: { ok: true; data: T } | { ok: false; error: ErrorCode; message?: string }) => void;

export type ErrorCode = "invalid_payload" | "forbidden" | "not_found" | "rate_limited" | "internal" | "closed" | "conflict" | "invalid_state";

export interface ServerToClientEvents extends PresenceServerEvents, QaServerEvents, WalkServerEvents {}

export interface ClientToServerEvents extends PresenceClientEvents, QaClientEvents, WalkClientEvents {
  whoami: (ack: Ack<WhoAmI>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  staff: { id: number; email: string; role: StaffRole; organisationId: number | null; sessionHash: string } | null;
  participantId: string | null;
}

export const HANDSHAKE_ERRORS = {
  invalidSession: "invalid_session",
} as const;
