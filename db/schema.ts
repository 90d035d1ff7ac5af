/**
 * Typed view of the SQLite schema. Timestamps are ISO-8601 UTC strings,
 * booleans are 0/1 integers: the service layer converts both.
 */
import type { Generated } from "kysely";

export type StaffRole = "admin" | "moderator" | "panelist" | "walk_leader";

export interface DistrictTable {
  id: Generated<number>;
  slug: string;
  name: string;
  centre_lat: number;
  centre_lng: number;
  bbox_south: number;
  bbox_west: number;
  bbox_north: number;
  bbox_east: number;
  created_at: string;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  kind: string;
  contact_email: string | null;
  created_at: string;
}

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  organisation_id: number | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffSessionTable {
  /** SHA-256 of the session id; the id itself only lives in the signed cookie. */
  id_hash: string;
  staff_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: string;
  success: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_staff_id: number | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
  ip: string | null;
}

export interface AccessibilityReportTable {
  id: Generated<number>;
  created_at: string;
  page_url: string | null;
  description: string;
  contact: string | null;
  status: "new" | "handled";
  handled_at: string | null;
  handled_by: number | null;
}

export interface Database {
  districts: DistrictTable;
  organisations: OrganisationTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  accessibility_reports: AccessibilityReportTable;
}
