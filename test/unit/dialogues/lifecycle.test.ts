import { describe, expect, it } from "vitest";
import { allowedEvents, canEditDetails, daysUntil, isClosed, isLate, registrationOpen, transition, type LifecycleDialogue } from "~/domain/dialogues/lifecycle";

const now = new Date("2026-03-01T12:00:00.000Z");
const days = (n: number) => new Date(now.getTime() + n * 86400e3).toISOString();

function dialogue(overrides: Partial<LifecycleDialogue> = {}): LifecycleDialogue {
  return {
    status: "draft",
    format: "hybrid",
    placeAddress: "Aktivitetshuset",
    streamUrl: "https://www.youtube.com/watch?v=abc",
    meetingUrl: null,
    startsAt: days(30),
    endsAt: days(30.1),
    purpose: "Tala om belysningen",
    ladderLevel: "dialog",
    influenceOpen: "Var lamporna sätts",
    influenceClosed: "Budgeten",
    feedbackSummary: null,
    feedbackNextSteps: null,
    ...overrides,
  };
}

describe("the 21-day rule", () => {
  it("is late strictly below 21 days", () => {
    expect(isLate(days(21), now)).toBe(false);
    expect(isLate(days(20.99), now)).toBe(true);
    expect(isLate(days(3), now)).toBe(true);
    expect(isLate(days(60), now)).toBe(false);
  });

  it("counts whole days left", () => {
    expect(daysUntil(days(20.5), now)).toBe(20);
    expect(daysUntil(days(-1), now)).toBe(0);
  });

  it("publishing late needs confirmation and reports it", () => {
    const d = dialogue({ startsAt: days(10), endsAt: days(10.1) });
    expect(transition(d, "publish", { now })).toEqual({ ok: false, error: "dialogues.errors.lateNotConfirmed" });
    expect(transition(d, "publish", { now, lateConfirmed: true })).toEqual({ ok: true, to: "published", late: true });
  });

  it("publishing in good time needs no confirmation", () => {
    expect(transition(dialogue(), "publish", { now })).toEqual({ ok: true, to: "published", late: false });
  });
});

describe("lifecycle", () => {
  it("walks utkast → publicerad → pågår → avslutad → återkoppling publicerad", () => {
    let d = dialogue();
    const steps = [
      ["publish", "published"],
      ["start", "ongoing"],
      ["end", "ended"],
    ] as const;
    const at = new Date(Date.parse(d.startsAt) + 60_000);
    for (const [event, to] of steps) {
      const r = transition(d, event, { now: event === "publish" ? now : at });
      expect(r).toMatchObject({ ok: true, to });
      d = { ...d, status: to };
    }
    expect(transition(d, "publishFeedback", { now: at })).toEqual({ ok: false, error: "dialogues.errors.feedbackMissing" });
    d = { ...d, feedbackSummary: "Vi pratade om belysning", feedbackNextSteps: "Trafikkontoret byter lampor" };
    expect(transition(d, "publishFeedback", { now: at })).toEqual({ ok: true, to: "feedback_published", late: false });
    expect(isClosed("feedback_published")).toBe(true);
    expect(allowedEvents("feedback_published")).toEqual([]);
  });

  it("closing requires a published återkoppling: nothing but publishing it leaves 'ended'", () => {
    expect(allowedEvents("ended")).toEqual(["publishFeedback"]);
    expect(isClosed("ended")).toBe(false);
    expect(transition(dialogue({ status: "ended", feedbackSummary: "x", feedbackNextSteps: "  " }), "publishFeedback", { now })).toMatchObject({ ok: false });
  });

  it("refuses steps out of order", () => {
    expect(transition(dialogue(), "start", { now })).toEqual({ ok: false, error: "dialogues.errors.transitionNotAllowed" });
    expect(transition(dialogue({ status: "published" }), "end", { now })).toEqual({ ok: false, error: "dialogues.errors.transitionNotAllowed" });
    expect(transition(dialogue({ status: "ended" }), "publish", { now })).toEqual({ ok: false, error: "dialogues.errors.transitionNotAllowed" });
  });

  it("cannot publish without the SKR fields", () => {
    const r = transition(dialogue({ purpose: " ", ladderLevel: null, influenceOpen: null, influenceClosed: "" }), "publish", { now });
    expect(r).toEqual({ ok: false, error: "dialogues.errors.skrFieldsMissing", missing: ["purpose", "ladderLevel", "influenceOpen", "influenceClosed"] });
  });

  it("needs an address for a meeting in a room and a link for a remote one", () => {
    expect(transition(dialogue({ format: "in_person", placeAddress: null }), "publish", { now })).toMatchObject({ missing: ["placeAddress"] });
    expect(transition(dialogue({ format: "digital", streamUrl: null, meetingUrl: null, placeAddress: null }), "publish", { now })).toMatchObject({
      missing: ["streamUrl"],
    });
    expect(
      transition(dialogue({ format: "digital", streamUrl: null, meetingUrl: "https://teams.example.com/x", placeAddress: null }), "publish", { now }),
    ).toMatchObject({ ok: true });
  });

  it("cannot publish a dialogue whose start has passed", () => {
    expect(transition(dialogue({ startsAt: days(-1) }), "publish", { now, lateConfirmed: true })).toEqual({ ok: false, error: "dialogues.errors.startInPast" });
  });

  it("can be started from an hour before the start", () => {
    const d = dialogue({ status: "published" });
    const start = Date.parse(d.startsAt);
    expect(transition(d, "start", { now: new Date(start - 61 * 60000) })).toMatchObject({ ok: false, error: "dialogues.errors.tooEarlyToStart" });
    expect(transition(d, "start", { now: new Date(start - 59 * 60000) })).toMatchObject({ ok: true, to: "ongoing" });
  });

  it("details are editable before the meeting only; registration is open while published and upcoming", () => {
    expect(canEditDetails("draft")).toBe(true);
    expect(canEditDetails("published")).toBe(true);
    expect(canEditDetails("ongoing")).toBe(false);
    expect(registrationOpen({ status: "published", startsAt: days(1) }, now)).toBe(true);
    expect(registrationOpen({ status: "published", startsAt: days(-1) }, now)).toBe(false);
    expect(registrationOpen({ status: "draft", startsAt: days(1) }, now)).toBe(false);
  });
});
