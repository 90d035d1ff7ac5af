/** Presence on a dialogue's join page (docs/realtime.md#presence). Browser-safe. */
import { z } from "zod";
import type { Ack } from "~/realtime/events";

export const PresenceJoinSchema = z.object({ dialogueId: z.number().int().positive().max(1e9) }).strict();
export type PresenceJoin = z.infer<typeof PresenceJoinSchema>;

export interface PresenceCount {
  dialogueId: number;
  /** Unique remote participants (devices) present now: several tabs count once. */
  remote: number;
}

export interface PresenceClientEvents {
  "presence:join": (payload: PresenceJoin, ack: Ack<PresenceCount>) => void;
  "presence:leave": (payload: PresenceJoin, ack?: Ack<PresenceCount>) => void;
}

export interface PresenceServerEvents {
  "presence:count": (payload: PresenceCount) => void;
}

export const presenceRoom = (dialogueId: number) => `dialogue:${dialogueId}:presence`;
