import { describe, expect, it } from "vitest";
import {
  allowedActions,
  canView,
  isOverdue,
  MEASURE_STATUSES,
  nextStepFor,
  permission,
  transition,
  type MeasureActor,
  type MeasureStatus,
} from "~/domain/measures/status";

const staff: MeasureActor = { canManage: true, canRespond: false, organisationId: null };
const housing: MeasureActor = { canManage: false, canRespond: true, organisationId: 7 };
const police: MeasureActor = { canManage: false, canRespond: true, organisationId: 9 };
const noOrg: MeasureActor = { canManage: false, canRespond: true, organisationId: null };
const nobody: MeasureActor = { canManage: false, canRespond: false, organisationId: 7 };
const TODAY = "2026-03-10";
const m = (status: MeasureStatus) => ({ status, organisationId: 7, createdAt: "2026-03-01T10:00:00.000Z" });

describe("measure status machine", () => {
  it("walks the whole happy path one step at a time", () => {
    const steps: Array<[MeasureActor, MeasureStatus, Parameters<typeof transition>[2], MeasureStatus, object?]> = [
      [staff, "proposed", "send", "sent"],
      [housing, "sent", "accept", "accepted"],
      [housing, "accepted", "plan", "planned", { plannedDate: "2026-04-01" }],
      [housing, "planned", "done", "done"],
      [staff, "done", "verify", "verified"],
      [staff, "verified", "reopen", "planned", { comment: "Lampan är trasig igen" }],
    ];
    for (const [actor, from, action, to, input] of steps) {
      expect(transition(actor, m(from), action, input ?? {}, TODAY)).toEqual({ ok: true, to, changes: true });
    }
  });

  it("refuses skipped steps", () => {
    expect(transition(housing, m("sent"), "done", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.transitionNotAllowed" });
    expect(transition(housing, m("accepted"), "done", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.transitionNotAllowed" });
    expect(transition(staff, m("proposed"), "accept", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.transitionNotAllowed" });
    expect(transition(staff, m("planned"), "verify", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.transitionNotAllowed" });
    expect(transition(staff, m("declined"), "reopen", { comment: "x" }, TODAY)).toMatchObject({ ok: false, error: "measures.errors.transitionNotAllowed" });
  });

  it("requires a reason to decline and a comment to reopen or reply", () => {
    expect(transition(housing, m("sent"), "decline", { reason: "  " }, TODAY)).toEqual({ ok: false, error: "measures.errors.reasonRequired", field: "reason" });
    expect(transition(housing, m("sent"), "decline", { reason: "Inte vår mark" }, TODAY)).toEqual({ ok: true, to: "declined", changes: true });
    expect(transition(staff, m("done"), "reopen", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.commentRequired" });
    expect(transition(housing, m("planned"), "reply", {}, TODAY)).toMatchObject({ ok: false, error: "measures.errors.commentRequired" });
    expect(transition(housing, m("planned"), "reply", { comment: "Vi byter lampan i april" }, TODAY)).toEqual({ ok: true, to: "planned", changes: false });
  });

  it("refuses plan dates that make no sense", () => {
    for (const plannedDate of [undefined, "", "2026-02-30", "10/4/2026", "2026-02-28", "2031-03-11"]) {
      const r = transition(housing, m("accepted"), "plan", { plannedDate }, TODAY);
      expect(r.ok, String(plannedDate)).toBe(false);
    }
    expect(transition(housing, m("accepted"), "plan", { plannedDate: "2026-03-01" }, TODAY).ok).toBe(true);
    expect(transition(housing, m("planned"), "plan", { plannedDate: "2031-03-10" }, TODAY).ok).toBe(true);
  });

  it("never lets a skipped step through from any status", () => {
    for (const from of MEASURE_STATUSES) {
      for (const action of allowedActions(staff, m(from))) {
        const r = transition(staff, m(from), action, { reason: "r", comment: "c", plannedDate: "2026-04-01" }, TODAY);
        expect(r.ok, `${from} ${action}`).toBe(true);
      }
    }
    expect(allowedActions(staff, m("verified"))).toEqual(["reopen", "reply"]);
    expect(allowedActions(staff, m("declined"))).toEqual(["reply"]);
  });
});

describe("measure permissions", () => {
  it("gives sending, verifying and reopening to staff only", () => {
    for (const action of ["send", "verify", "reopen"] as const) {
      expect(permission(housing, m("proposed"), action)).toBe("measures.errors.staffOnly");
      expect(permission(staff, m("proposed"), action)).toBeNull();
    }
  });

  it("lets only the responsible organisation respond", () => {
    expect(transition(police, m("sent"), "accept", {}, TODAY)).toEqual({ ok: false, error: "measures.errors.wrongOrganisation" });
    expect(transition(noOrg, m("sent"), "accept", {}, TODAY)).toEqual({ ok: false, error: "measures.errors.wrongOrganisation" });
    expect(transition(nobody, m("sent"), "accept", {}, TODAY)).toEqual({ ok: false, error: "measures.errors.forbidden" });
    // Permission is checked before the status: the wrong organisation learns nothing else.
    expect(transition(police, m("verified"), "decline", {}, TODAY)).toEqual({ ok: false, error: "measures.errors.wrongOrganisation" });
    expect(allowedActions(housing, m("sent"))).toEqual(["accept", "decline", "reply"]);
    expect(allowedActions(police, m("sent"))).toEqual([]);
  });

  it("lets staff record a party's answer on its behalf", () => {
    expect(transition(staff, m("sent"), "accept", {}, TODAY).ok).toBe(true);
  });

  it("shows the staff page to staff and to the responsible organisation only", () => {
    expect(canView(staff, m("sent"))).toBe(true);
    expect(canView(housing, m("sent"))).toBe(true);
    expect(canView(police, m("sent"))).toBe(false);
    expect(canView(nobody, m("sent"))).toBe(false);
  });
});

describe("overdue and next step", () => {
  it("is overdue past the due date until done, and past the planned date once planned", () => {
    expect(isOverdue({ status: "sent", dueDate: "2026-03-09", plannedDate: null }, TODAY)).toBe(true);
    expect(isOverdue({ status: "sent", dueDate: "2026-03-10", plannedDate: null }, TODAY)).toBe(false);
    expect(isOverdue({ status: "done", dueDate: "2026-01-01", plannedDate: null }, TODAY)).toBe(false);
    expect(isOverdue({ status: "declined", dueDate: "2026-01-01", plannedDate: null }, TODAY)).toBe(false);
    expect(isOverdue({ status: "planned", dueDate: "2026-12-01", plannedDate: "2026-03-01" }, TODAY)).toBe(true);
    expect(isOverdue({ status: "planned", dueDate: "2026-01-01", plannedDate: "2026-04-01" }, TODAY)).toBe(false);
    expect(isOverdue({ status: "accepted", dueDate: null, plannedDate: null }, TODAY)).toBe(false);
  });

  it("names the party's next step", () => {
    expect(nextStepFor("sent")).toBe("accept_or_decline");
    expect(nextStepFor("accepted")).toBe("plan");
    expect(nextStepFor("planned")).toBe("mark_done");
    expect(nextStepFor("verified")).toBe("none");
  });
});
