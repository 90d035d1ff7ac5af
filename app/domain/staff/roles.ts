import type { StaffRole } from "../../../db/schema";

export type { StaffRole };

export const STAFF_ROLES = ["admin", "moderator", "panelist", "walk_leader"] as const satisfies readonly StaffRole[];

/** What each role may do. Admin may do everything. */
export type Permission =
  | "staff.manage"
  | "audit.read"
  | "a11y_reports.manage"
  | "organisations.manage"
  | "dialogues.manage"
  | "qa.moderate"
  | "qa.answer"
  | "qa.rules.manage"
  | "walks.manage"
  | "measures.manage"
  | "measures.respond"
  | "cameras.manage"
  | "cameras.footage";

const GRANTS: Record<StaffRole, readonly Permission[]> = {
  admin: [
    "staff.manage",
    "audit.read",
    "a11y_reports.manage",
    "organisations.manage",
    "dialogues.manage",
    "qa.moderate",
    "qa.answer",
    "qa.rules.manage",
    "walks.manage",
    "measures.manage",
    "measures.respond",
    "cameras.manage",
    "cameras.footage",
  ],
  moderator: ["dialogues.manage", "qa.moderate", "qa.answer", "measures.manage", "cameras.manage"],
  panelist: ["qa.answer", "measures.respond"],
  walk_leader: ["walks.manage", "measures.manage", "cameras.manage"],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}
