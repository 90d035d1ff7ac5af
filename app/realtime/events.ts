/**
 * The typed socket.io protocol shared by server and browser. Every event is
 * documented in docs/realtime.md; keep the two in step.
 */
import type { StaffRole } from "~/domain/staff/roles";
import type { PresenceClientEvents, PresenceServerEvents } from "~/realtime/presence.events";
import type { QaClientEvents, QaServerEvents } from "~/realtime/qa.events";
import type { WalkClientEvents, WalkServerEvents } from "~/realtime/walks.events";
import type { PollClientEvents, PollServerEvents } from "~/realtime/polls.events";

export interface WhoAmI {
  staff: { id: number; role: StaffRole; organisationId: number | null } | null;
  participant: boolean;
}

/**
 * A refused event. `error` is the protocol code; `reason` the precise domain code
 * (e.g. `due_date_in_past`), `key` the i18n key of its message, `field` the input it
 * belongs to, `errors` per-field i18n keys for a payload that failed validation
 * (~/http/errors.ts builds these). `message` is free detail (who holds a claim).
 * `retryAfterSeconds` comes with `rate_limited` when a budget refused (reason `too_many_requests`).
 */
export type AckFailure = {
  ok: false;
  error: ErrorCode;
  reason?: string;
  key?: string;
  field?: string;
  errors?: Record<string, string>;
  message?: string;
  retryAfterSeconds?: number;
};
export type AckResponse<T> = { ok: true; data: T } | AckFailure;
export type Ack<T> = (response: AckResponse<T>) => void;

export type ErrorCode = "invalid_payload" | "forbidden" | "not_found" | "rate_limited" | "internal" | "closed" | "conflict" | "invalid_state";

/** The ack data of an acknowledged client event (shared by the server kit and the browser's emitAck). */
export type AckDataOf<E extends keyof ClientToServerEvents> = ClientToServerEvents[E] extends (payload: never, ack: Ack<infer T>) => void ? T : never;

export interface ServerToClientEvents extends PresenceServerEvents, QaServerEvents, WalkServerEvents, PollServerEvents {}

export interface ClientToServerEvents extends PresenceClientEvents, QaClientEvents, WalkClientEvents, PollClientEvents {
  whoami: (ack: Ack<WhoAmI>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  staff: { id: number; email: string; role: StaffRole; organisationId: number | null; sessionHash: string } | null;
  participantId: string | null;
  /** The client's address as the HTTP side sees it (X-Forwarded-For's last hop with TRUST_PROXY). Never logged next to participantId. */
  ip: string;
}

export const HANDSHAKE_ERRORS = {
  invalidSession: "invalid_session",
} as const;
