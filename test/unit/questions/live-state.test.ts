import { describe, expect, it } from "vitest";
import { applyEvent, applyTallies, fromSnapshot } from "~/domain/questions/live-state";
import type { PublicQuestion } from "~/domain/questions/qa.server";
import { highlightSegments } from "~/components/qa/highlight";

const q = (id: number, votes = 0): PublicQuestion => ({
  id,
  text: `Fråga ${id}`,
  displayName: null,
  status: "approved",
  votes,
  tallyVersion: 0,
  answer: null,
  answeredBy: null,
  answeredAt: null,
  writtenDueDate: null,
  createdAt: "2026-11-23T12:00:00.000Z",
});

describe("live Q&A state", () => {
  const base = fromSnapshot({ dialogueId: 7, seq: 3, submissionsOpen: true, currentQuestionId: null, questions: [q(1)] });

  it("applies the next event in order and ignores ones already seen", () => {
    const r = applyEvent(base, { dialogueId: 7, seq: 4, type: "upsert", question: q(2) });
    expect(r.status).toBe("applied");
    expect(Object.keys(r.state.questions)).toEqual(["1", "2"]);
    expect(r.state.seq).toBe(4);
    expect(applyEvent(r.state, { dialogueId: 7, seq: 4, type: "remove", questionId: 2 }).status).toBe("stale");
  });

  it("reports a gap instead of applying an event that skips a sequence number", () => {
    const r = applyEvent(base, { dialogueId: 7, seq: 5, type: "current", questionId: 1 });
    expect(r.status).toBe("gap");
    expect(r.state).toBe(base);
  });

  it("ignores another dialogue's events", () => {
    expect(applyEvent(base, { dialogueId: 8, seq: 4, type: "submissions", open: false }).status).toBe("stale");
  });

  it("removes, sets current and pauses", () => {
    let s = applyEvent(base, { dialogueId: 7, seq: 4, type: "current", questionId: 1 }).state;
    s = applyEvent(s, { dialogueId: 7, seq: 5, type: "submissions", open: false }).state;
    s = applyEvent(s, { dialogueId: 7, seq: 6, type: "remove", questionId: 1 }).state;
    expect(s).toMatchObject({ currentQuestionId: 1, submissionsOpen: false, seq: 6, questions: {} });
  });

  it("applies tallies without touching unknown questions", () => {
    const s = applyTallies(base, [
      { questionId: 1, votes: 9 },
      { questionId: 99, votes: 3 },
    ]);
    expect(s.questions[1].votes).toBe(9);
    expect(s.questions[99]).toBeUndefined();
    expect(applyTallies(s, [{ questionId: 1, votes: 9 }])).toBe(s);
  });
});

describe("flag highlighting", () => {
  it("marks flagged ranges, merging overlaps, and leaves duplicates unmarked", () => {
    const text = "Ring 070-123 45 67 eller mejla a@b.se";
    const segs = highlightSegments(text, [
      { kind: "phone", start: 5, end: 18 },
      { kind: "phone", start: 9, end: 18 },
      { kind: "email", start: 31, end: 37 },
      { kind: "duplicate", start: 0, end: text.length },
    ]);
    expect(segs.filter((s) => s.flagged).map((s) => s.text)).toEqual(["070-123 45 67", "a@b.se"]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
  });

  it("never shows an older counted tally after a newer one, from broadcasts, acks or events in any order", () => {
    const start = fromSnapshot({ dialogueId: 7, seq: 3, submissionsOpen: true, currentQuestionId: null, questions: [q(1)] });
    let s = applyTallies(start, [{ questionId: 1, votes: 5, version: 5 }]);
    s = applyTallies(s, [{ questionId: 1, votes: 4, version: 4 }]); // an older broadcast arriving late
    expect(s.questions[1].votes).toBe(5);
    // An upsert event written before the newest votes keeps the newer count.
    const r = applyEvent(s, { type: "upsert", dialogueId: 7, seq: 4, question: { ...q(1, 2), text: "Ändrad", tallyVersion: 2 } });
    expect(r.state.questions[1]).toMatchObject({ text: "Ändrad", votes: 5, tallyVersion: 5 });
    // The device's own optimistic vote applies without a version; the next counted tally replaces it.
    s = applyTallies(r.state, [{ questionId: 1, votes: 6 }]);
    expect(s.questions[1]).toMatchObject({ votes: 6, tallyVersion: 5 });
    s = applyTallies(s, [{ questionId: 1, votes: 7, version: 7 }]);
    expect(s.questions[1]).toMatchObject({ votes: 7, tallyVersion: 7 });
  });
});
