import type { Generated } from "kysely";

export type CameraState = "proposed" | "balancing_documented" | "active" | "paused" | "removed";
export type CameraMode = "live" | "recorded" | "both";
export type CameraSourceType = "observation" | "measure";
export type ReviewDecision = "continue" | "adjust" | "remove";
export type AimMatches = "yes" | "partly" | "no";
export type FootageDecision = "pending" | "granted" | "refused";

/** A camera site in the register (migration 0011, docs/cameras.md). Dates are YYYY-MM-DD. */
export interface CameraTable {
  id: Generated<number>;
  district_id: number;
  owner_organisation_id: number | null;
  name: string;
  address: string | null;
  lat: number;
  lng: number;
  /** A GeoJSON Polygon geometry as text, or null. */
  area_geojson: string | null;
  direction: string | null;
  purpose: string | null;
  state: Generated<CameraState>;
  mode: Generated<CameraMode>;
  recording_hours: string | null;
  retention_days: number | null;
  footage_viewers: string | null;
  /** 1 when the position may be shown in the public register. */
  location_public: Generated<number>;
  balancing_date: string | null;
  balancing_decided_by: string | null;
  balancing_incidents: string | null;
  balancing_alternatives: string | null;
  balancing_conditions: string | null;
  imy_permit_ref: string | null;
  imy_permit_date: string | null;
  imy_permit_conditions: string | null;
  sign_locations: string | null;
  sign_text: string | null;
  sign_text_easy: string | null;
  sign_pictogram: Generated<number>;
  sign_languages: string | null;
  contact: string | null;
  source_type: CameraSourceType | null;
  source_id: number | null;
  activated_at: string | null;
  review_due: string | null;
  /** The due date the "due soon" reminder was queued for (migration 0013). */
  review_reminder_for: string | null;
  /** The due date the "overdue" reminder was queued for (migration 0013). */
  overdue_reminder_for: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CameraReviewTable {
  id: Generated<number>;
  camera_id: number;
  due_date: string | null;
  reviewed_on: string;
  aim_matches: AimMatches;
  photo_date: string | null;
  aim_notes: string | null;
  incidents_before: string | null;
  incidents_after: string | null;
  perception: string | null;
  privacy_intrusion: string | null;
  decision: ReviewDecision;
  reasoning: string;
  public_summary: string | null;
  reviewer_staff_id: number | null;
  created_at: string;
}

export interface CameraFootageRequestTable {
  id: Generated<number>;
  camera_id: number;
  requested_on: string;
  kind: "view" | "handover";
  requester: string;
  legal_basis: string;
  decision: Generated<FootageDecision>;
  viewed_by: string | null;
  viewed_on: string | null;
  footage_deleted_on: string | null;
  secrecy_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CameraTables {
  cameras: CameraTable;
  camera_reviews: CameraReviewTable;
  camera_footage_requests: CameraFootageRequestTable;
}
