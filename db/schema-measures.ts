import type { Generated } from "kysely";

export type MeasureStatusColumn = "proposed" | "sent" | "accepted" | "declined" | "planned" | "done" | "verified";
export type MeasurePriority = "low" | "normal" | "high";
export type MeasureSourceType = "question" | "observation";
export type MeasureEventKind = "created" | "status" | "reply";

export interface MeasureTable {
  id: Generated<number>;
  district_id: number;
  title: string;
  description: string;
  category: string;
  location_address: string | null;
  location_lat: number | null;
  location_lng: number | null;
  responsible_organisation_id: number;
  priority: Generated<MeasurePriority>;
  /** YYYY-MM-DD (Stockholm calendar date). */
  due_date: string | null;
  status: Generated<MeasureStatusColumn>;
  /** YYYY-MM-DD set by the responsible party when planning. */
  planned_date: string | null;
  decline_reason: string | null;
  sent_at: string | null;
  done_at: string | null;
  verified_at: string | null;
  closed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The public timeline: one row per creation, status change or public reply. */
export interface MeasureEventTable {
  id: Generated<number>;
  measure_id: number;
  at: string;
  kind: MeasureEventKind;
  from_status: MeasureStatusColumn | null;
  to_status: MeasureStatusColumn | null;
  actor_staff_id: number | null;
  /** Who, as shown to the public: an organisation or "the district administration", never a person. */
  actor_label: string;
  comment: string | null;
}

/** Where a measure came from; several questions or observations may share one measure. */
export interface MeasureSourceTable {
  measure_id: number;
  source_type: MeasureSourceType;
  source_id: number;
  created_at: string;
}

/** Residents following a measure by email (double opt-in); rows are deleted when the measure closes. */
export interface MeasureFollowerTable {
  id: Generated<number>;
  measure_id: number;
  email: string;
  token_hash: string;
  confirmed_at: string | null;
  created_at: string;
}

export interface MeasureTables {
  measures: MeasureTable;
  measure_events: MeasureEventTable;
  measure_sources: MeasureSourceTable;
  measure_followers: MeasureFollowerTable;
}
