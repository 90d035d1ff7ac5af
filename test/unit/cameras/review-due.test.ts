/** The camera register's pure rules: yearly review due dates and flags, the state machine, the area field. */
import { describe, expect, it } from "vitest";
import { allowedActions, reviewDueDate, reviewFlag, transition, type CameraFacts } from "~/domain/cameras/state";
import { areaToText, parseAreaText, ReviewFormSchema } from "~/domain/cameras/cameras.schema";

describe("reviewDueDate", () => {
  it("is one year after activation when the camera has never been reviewed", () => {
    expect(reviewDueDate("2026-03-15", null)).toBe("2027-03-15");
  });
  it("is one year after the latest review", () => {
    expect(reviewDueDate("2025-03-15", "2026-02-01")).toBe("2027-02-01");
  });
  it("ignores a review older than the (re)activation", () => {
    expect(reviewDueDate("2026-06-01", "2025-01-10")).toBe("2027-06-01");
  });
  it("moves 29 February to 1 March in a common year", () => {
    expect(reviewDueDate("2028-02-29", null)).toBe("2029-03-01");
  });
  it("is null before the camera has started", () => {
    expect(reviewDueDate(null, null)).toBeNull();
  });
});

describe("reviewFlag", () => {
  it("flags a running camera past its due date as overdue", () => {
    expect(reviewFlag("active", "2026-11-30", "2026-12-01")).toBe("overdue");
    expect(reviewFlag("paused", "2026-11-30", "2026-12-01")).toBe("overdue");
  });
  it("is due on the due date itself, and due soon within 30 days", () => {
    expect(reviewFlag("active", "2026-12-01", "2026-12-01")).toBe("due_soon");
    expect(reviewFlag("active", "2026-12-31", "2026-12-01")).toBe("due_soon");
    expect(reviewFlag("active", "2027-01-01", "2026-12-01")).toBe("upcoming");
  });
  it("never flags a camera that is not running", () => {
    expect(reviewFlag("removed", "2020-01-01", "2026-12-01")).toBe("none");
    expect(reviewFlag("proposed", null, "2026-12-01")).toBe("none");
  });
});

const base: CameraFacts = {
  state: "proposed",
  purpose: "Minska skadegörelse vid entrén",
  ownerOrganisationId: 1,
  balancingDate: "2026-01-10",
  balancingDecidedBy: "Stadsdelsnämnden",
  balancingIncidents: "Tolv anmälda skadegörelser 2025",
  balancingAlternatives: "Bättre belysning prövades först",
  imyPermitRef: null,
  imyPermitDate: null,
};

describe("transition", () => {
  it("goes proposed → balancing documented → active ⇄ paused → removed", () => {
    expect(transition(base, "document")).toEqual({ ok: true, to: "balancing_documented" });
    expect(transition({ ...base, state: "balancing_documented" }, "activate")).toEqual({ ok: true, to: "active" });
    expect(transition({ ...base, state: "active" }, "pause")).toEqual({ ok: true, to: "paused" });
    expect(transition({ ...base, state: "paused" }, "resume")).toEqual({ ok: true, to: "active" });
    expect(transition({ ...base, state: "paused" }, "remove")).toEqual({ ok: true, to: "removed" });
    expect(allowedActions({ state: "removed" })).toEqual([]);
  });
  it("refuses to activate without purpose, owner or documented balancing, naming each", () => {
    const r = transition({ ...base, state: "balancing_documented", purpose: " ", ownerOrganisationId: null, balancingAlternatives: null }, "activate");
    expect(r).toEqual({
      ok: false,
      errors: { purpose: "cameras.errors.purposeRequired", ownerOrganisationId: "cameras.errors.ownerRequired", balancing: "cameras.errors.balancingRequired" },
    });
  });
  it("accepts an older IMY permit as the documented balancing", () => {
    const permit = {
      ...base,
      state: "balancing_documented" as const,
      balancingDate: null,
      balancingDecidedBy: null,
      imyPermitRef: "DI-2019-1234",
      imyPermitDate: "2019-05-02",
    };
    expect(transition(permit, "activate")).toEqual({ ok: true, to: "active" });
  });
  it("refuses a step the state does not allow", () => {
    expect(transition(base, "activate")).toEqual({ ok: false, errors: { _form: "cameras.errors.transitionNotAllowed" } });
  });
});

describe("review form", () => {
  it("cannot be completed without a decision and its reasoning", () => {
    const r = ReviewFormSchema.safeParse({ reviewedOn: "2026-12-01", aimMatches: "yes", reasoning: "" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(["decision:cameras.errors.decisionRequired", "reasoning:cameras.errors.reasoningRequired"]));
  });
});

describe("covered area", () => {
  it("reads corner points one per line and closes the ring", () => {
    const r = parseAreaText("59.27, 18.13\n59.271, 18.131\n59.2705, 18.132");
    expect(r).toEqual({
      ok: true,
      area: {
        type: "Polygon",
        coordinates: [
          [
            [18.13, 59.27],
            [18.131, 59.271],
            [18.132, 59.2705],
            [18.13, 59.27],
          ],
        ],
      },
    });
    if (r.ok) expect(areaToText(r.area)).toBe("59.27, 18.13\n59.271, 18.131\n59.2705, 18.132");
  });
  it("needs three corners and well-formed lines", () => {
    expect(parseAreaText("59.27, 18.13\n59.271, 18.131")).toEqual({ ok: false, error: "cameras.errors.areaTooFew" });
    expect(parseAreaText("59.27, 18.13\nnorr om torget\n59.2705, 18.132")).toEqual({ ok: false, error: "cameras.errors.areaFormat" });
    expect(parseAreaText("")).toEqual({ ok: true, area: null });
  });
});
