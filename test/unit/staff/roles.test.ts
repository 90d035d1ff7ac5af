import { describe, expect, it } from "vitest";
import { can, isStaffRole, STAFF_ROLES } from "~/domain/staff/roles";

describe("role permissions", () => {
  it("lets only admins manage staff and read the audit log", () => {
    for (const role of STAFF_ROLES) {
      expect(can(role, "staff.manage")).toBe(role === "admin");
      expect(can(role, "audit.read")).toBe(role === "admin");
    }
  });

  it("gives moderators the Q&A but not walks; walk leaders the walks but not the Q&A", () => {
    expect(can("moderator", "qa.moderate")).toBe(true);
    expect(can("moderator", "walks.manage")).toBe(false);
    expect(can("walk_leader", "walks.manage")).toBe(true);
    expect(can("walk_leader", "qa.moderate")).toBe(false);
  });

  it("lets panelists answer but not moderate or manage dialogues", () => {
    expect(can("panelist", "qa.answer")).toBe(true);
    expect(can("panelist", "qa.moderate")).toBe(false);
    expect(can("panelist", "dialogues.manage")).toBe(false);
  });

  it("recognises only known roles", () => {
    expect(isStaffRole("moderator")).toBe(true);
    expect(isStaffRole("superuser")).toBe(false);
    expect(isStaffRole(undefined)).toBe(false);
  });
});
