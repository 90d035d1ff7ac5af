/** Safety-walk protocol (docs/realtime.md#walks). Browser-safe: types and zod schemas only. */
import { z } from "zod";
import type { Ack } from "~/realtime/events";
import type { ObservationStatus } from "../../db/schema-walks";
import { idSchema, type ObservationPayload } from "~/domain/walks/walk.schema";
import type { OwnObservation, PublicObservation } from "~/domain/walks/observations.server";

export type { OwnObservation, PublicObservation };

export const WalkJoinSchema = z.object({ walkId: idSchema }).strict();

export interface WalkJoinResult {
  /** Every public observation of the walk (a full snapshot: walks hold hundreds, not millions). */
  observations: PublicObservation[];
  /** This device's own observations, whatever their moderation status. */
  mine: OwnObservation[];
  status: string;
}

export interface WalkObserveResult {
  id: number;
  status: ObservationStatus;
  duplicate: boolean;
  observation: OwnObservation;
}

export interface WalkClientEvents {
  "walk:join": (payload: { walkId: number }, ack: Ack<WalkJoinResult>) => void;
  "walk:leave": (payload: { walkId: number }) => void;
  "walk:observe": (payload: ObservationPayload, ack: Ack<WalkObserveResult>) => void;
}

export interface WalkServerEvents {
  "walk:observation": (observation: PublicObservation) => void;
  "walk:removed": (payload: { walkId: number; id: number }) => void;
  "walk:mine": (payload: { walkId: number; id: number; status: ObservationStatus; photoStatus: OwnObservation["photoStatus"] }) => void;
  "walk:queue": (payload: { walkId: number }) => void;
}

export const walkRoom = (walkId: number) => `walk:${walkId}`;
export const walkStaffRoom = (walkId: number) => `walk:${walkId}:staff`;
