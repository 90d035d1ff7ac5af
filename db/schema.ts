/**
 * Typed view of the SQLite schema. Timestamps are ISO-8601 UTC strings,
 * booleans are 0/1 integers: the service layer converts both.
 */
import type { Generated } from "kysely";
import type { QaTables } from "./schema-qa";
import type { WalkTables } from "./schema-walks";
import type { MeasureTables } from "./schema-measures";
import type { CheckTables } from "./schema-checks";
import type { CameraTables } from "./schema-cameras";
import type { MfaTables } from "./schema-mfa";
import type { OidcTables } from "./schema-oidc";
import type { LimitTables } from "./schema-limits";
import type { PollTables } from "./schema-polls";
import type { IndicatorTables } from "./schema-indicators";

export type StaffRole = "admin" | "moderator" | "panelist" | "walk_leader";

/** How a staff session was signed in (migration 0008). */
export type StaffAuthMethod = "password" | "oidc";

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
  /** The identity provider's `sub` for single sign-on (migration 0008); null until the first SSO sign-in. */
  oidc_subject: string | null;
}

export interface StaffSessionTable {
  /** SHA-256 of the session id; the id itself only lives in the signed cookie. */
  id_hash: string;
  staff_id: number;
  csrf_token: string;
  /** How it was signed in: Tryggve's password form or single sign-on (migration 0008; 'oidc' relies on the provider's MFA). */
  auth_method: Generated<StaffAuthMethod>;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** 'full' once signed in; after the password only, 'mfa' (code pending) or 'enrol' (must set up MFA). Migration 0007. */
  stage: Generated<StaffSessionStage>;
}

export type StaffSessionStage = "full" | "mfa" | "enrol";

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

export type DialogueStatus = "draft" | "published" | "ongoing" | "ended" | "feedback_published";
export type DialogueFormat = "in_person" | "digital" | "hybrid";
export type LadderLevel = "information" | "konsultation" | "dialog" | "inflytande" | "medbestammande";

export interface DialogueTable {
  id: Generated<number>;
  district_id: number;
  title: string;
  status: Generated<DialogueStatus>;
  place_address: string | null;
  place_lat: number | null;
  place_lng: number | null;
  starts_at: string;
  ends_at: string;
  format: DialogueFormat;
  stream_url: string | null;
  meeting_url: string | null;
  /** JSON array of strings. */
  agenda: Generated<string>;
  a11y_hearing_loop: Generated<number>;
  a11y_interpretation: string | null;
  a11y_sign_language: Generated<number>;
  a11y_step_free: Generated<number>;
  a11y_notes: string | null;
  purpose: string | null;
  ladder_level: LadderLevel | null;
  influence_open: string | null;
  influence_closed: string | null;
  capacity_in_person: number | null;
  headcount_in_room: number | null;
  remote_peak: Generated<number>;
  feedback_summary: string | null;
  feedback_next_steps: string | null;
  feedback_published_at: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type InvitationStatus = "not_sent" | "invited" | "accepted" | "declined";

export interface DialogueInvitationTable {
  id: Generated<number>;
  dialogue_id: number;
  organisation_id: number;
  email: string;
  status: Generated<InvitationStatus>;
  sent_at: string | null;
  responded_at: string | null;
  created_at: string;
}

export interface DialoguePanelistTable {
  dialogue_id: number;
  staff_id: number;
  invitation_id: number;
  created_at: string;
}

export type RegistrationMode = "in_person" | "remote";
export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled";

export interface DialogueRegistrationTable {
  id: Generated<number>;
  dialogue_id: number;
  mode: RegistrationMode;
  status: RegistrationStatus;
  name: string | null;
  email: string | null;
  wants_updates: Generated<number>;
  accessibility_needs: string | null;
  cancel_token_hash: string;
  delete_after: string;
  reminder_queued_at: string | null;
  feedback_queued_at: string | null;
  created_at: string;
  cancelled_at: string | null;
}

export interface DialogueRemoteAttendeeTable {
  dialogue_id: number;
  participant_hash: string;
  first_seen_at: string;
}

export type OutboxStatus = "stored" | "pending" | "sending" | "sent" | "failed";

export interface EmailOutboxTable {
  id: Generated<number>;
  created_at: string;
  kind: string;
  dialogue_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  ics_filename: string | null;
  ics_content: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
  purge_after: string | null;
}

export interface Database
  extends QaTables, WalkTables, MeasureTables, CheckTables, CameraTables, OidcTables, MfaTables, LimitTables, PollTables, IndicatorTables {
  districts: DistrictTable;
  organisations: OrganisationTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  accessibility_reports: AccessibilityReportTable;
  dialogues: DialogueTable;
  dialogue_invitations: DialogueInvitationTable;
  dialogue_panelists: DialoguePanelistTable;
  dialogue_registrations: DialogueRegistrationTable;
  dialogue_remote_attendees: DialogueRemoteAttendeeTable;
  email_outbox: EmailOutboxTable;
}
