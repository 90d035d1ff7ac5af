/** Safety walks (trygghetsvandringar). Timestamps are ISO-8601 UTC strings, booleans 0/1. */
import type { Generated } from "kysely";

export type WalkStatus = "planned" | "pre_meeting" | "ongoing" | "protocol" | "closing_meeting" | "follow_up";
export type Light = "day" | "dusk" | "dark";
export type ObservationStatus = "pending" | "published" | "rejected";
export type PhotoStatus = "pending" | "approved" | "rejected";
export type FollowUpStatus = "new" | "sent" | "replied";
export type Priority = "low" | "medium" | "high";

export interface WalkTable {
  id: Generated<number>;
  district_id: number;
  title: string;
  purpose: string | null;
  meeting_point: string;
  meeting_lat: number | null;
  meeting_lng: number | null;
  /** JSON array of [lng, lat] pairs (GeoJSON LineString order) or null. */
  route: string | null;
  starts_at: string;
  ends_at: string;
  expected_light: Light;
  actual_light: Light | null;
  weather: string | null;
  status: Generated<WalkStatus>;
  dialogue_id: number | null;
  organisers: string | null;
  started_at: string | null;
  protocol_sent_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface WalkInvitationTable {
  id: Generated<number>;
  walk_id: number;
  organisation_id: number;
  email: string;
  status: Generated<"not_sent" | "invited" | "accepted" | "declined">;
  sent_at: string | null;
  responded_at: string | null;
  created_at: string;
}

export interface WalkGroupTable {
  id: Generated<number>;
  walk_id: number;
  name: string;
  leader: string | null;
  participants: Generated<number>;
  created_at: string;
}

export interface WalkObservationTable {
  id: Generated<number>;
  walk_id: number;
  district_id: number;
  participant_id: string | null;
  idempotency_key: string;
  lat: number;
  lng: number;
  approximate: Generated<number>;
  address: string | null;
  lamp_post: string | null;
  /** JSON array of category codes. */
  categories: string;
  positive: Generated<number>;
  feeling: number;
  rating_lighting: number | null;
  rating_openness: number | null;
  rating_visibility: number | null;
  rating_people: number | null;
  rating_walk_path: number | null;
  description: string | null;
  time_of_day: "day" | "dusk" | "dark";
  raised_by: string | null;
  group_id: number | null;
  added_afterwards: Generated<number>;
  status: ObservationStatus;
  /** JSON array of pre-screen flag kinds that held it for review. */
  flags: Generated<string>;
  moderated_by: number | null;
  moderated_at: string | null;
  proposed_measure: string | null;
  responsible_organisation_id: number | null;
  priority: Priority | null;
  followup_status: Generated<FollowUpStatus>;
  party_reply: string | null;
  feedback_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WalkPhotoTable {
  id: Generated<number>;
  observation_id: number;
  file_name: string;
  width: number;
  height: number;
  bytes: number;
  status: Generated<PhotoStatus>;
  reviewed_by: number | null;
  reviewed_at: string | null;
  created_at: string;
}

export interface WalkTables {
  walks: WalkTable;
  walk_invitations: WalkInvitationTable;
  walk_groups: WalkGroupTable;
  walk_observations: WalkObservationTable;
  walk_photos: WalkPhotoTable;
}
