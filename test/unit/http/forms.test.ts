import { describe, expect, it } from "vitest";
import { NewStaffSchema, SignInSchema } from "~/domain/staff/staff.schema";
import { AccessibilityReportSchema } from "~/domain/accessibility/reports.schema";
import { parseForm } from "~/http/forms";
import { safeRedirectPath } from "~/http/request.server";
import { isParticipantId, newParticipantId, readParticipantId } from "~/domain/participants/participant.server";

function fd(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("form parsing", () => {
  it("normalises the email and keeps field errors as i18n keys", () => {
    const ok = parseForm(SignInSchema, fd({ email: "  Mira@Example.ORG ", password: "x" }));
    expect(ok).toEqual({ ok: true, data: { email: "mira@example.org", password: "x" } });
    const bad = parseForm(SignInSchema, fd({ email: "nope", password: "" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual({ email: "errors.email", password: "errors.required" });
  });

  it("requires an organisation for panelists and a long password", () => {
    const r = parseForm(NewStaffSchema, fd({ email: "p@example.org", name: "P", role: "panelist", organisationId: "", password: "short" }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.password).toBe("errors.passwordLength");
    }
    const r2 = parseForm(NewStaffSchema, fd({ email: "p@example.org", name: "P", role: "panelist", organisationId: "", password: "long enough password" }));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors.organisationId).toBe("errors.panelistNeedsOrganisation");
  });

  it("refuses over-long accessibility reports and drops the private fields from values", () => {
    const r = parseForm(AccessibilityReportSchema, fd({ description: "x".repeat(4001), _csrf: "secret" }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.description).toBe("errors.tooLong");
      expect(r.values._csrf).toBeUndefined();
    }
  });

  it("never hands a password, secret or token back to the page", () => {
    const r = parseForm(
      SignInSchema,
      fd({ email: "nope", password: "hunter2 is my password", newPassword: "x", apiSecret: "s", resetToken: "t", _csrf: "c", redirectTo: "/personal" }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toEqual({ email: "nope", redirectTo: "/personal" });
  });
});

describe("redirect safety", () => {
  it("allows only same-site paths", () => {
    expect(safeRedirectPath("/personal?x=1")).toBe("/personal?x=1");
    expect(safeRedirectPath("//evil.example/")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example/")).toBe("/");
    expect(safeRedirectPath(null, "/personal")).toBe("/personal");
  });
});

describe("participant id", () => {
  it("is a random v4 uuid read only from its own cookie", () => {
    const id = newParticipantId();
    expect(isParticipantId(id)).toBe(true);
    expect(newParticipantId()).not.toBe(id);
    expect(readParticipantId(`a=b; tryggve_pid=${id}; c=d`)).toBe(id);
    expect(readParticipantId("tryggve_pid=not-a-uuid")).toBeNull();
    expect(readParticipantId(undefined)).toBeNull();
  });
});
