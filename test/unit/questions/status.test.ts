import { describe, expect, it } from "vitest";
import {
  QUESTION_STATUSES,
  type QuestionAction,
  type QuestionLike,
  type QuestionStatus,
  REJECTION_RULES,
  TRANSITIONS,
  answeringNowChanges,
  canTransition,
  defaultWrittenAnswerDueDate,
  isWrittenAnswerOverdue,
  transition,
} from "~/domain/questions/status";
import { calendarDate } from "~/domain/common/time";

const now = new Date("2025-03-14T17:30:00Z"); // 18:30 in Stockholm
const ctx = { now };

function q(status: QuestionStatus, id = 1, dialogueId = 10): QuestionLike {
  switch (status) {
    case "answered":
      return { id, dialogueId, status, answer: null, answeredBy: null, answeredAt: now };
    case "answer_in_writing":
      return { id, dialogueId, status, dueDate: "2025-03-28" };
    case "rejected":
      return { id, dialogueId, status, rule: "off_topic" };
    case "merged":
      return { id, dialogueId, status, mergedIntoId: 99 };
    default:
      return { id, dialogueId, status };
  }
}

describe("canTransition", () => {
  const allowed: Array<[QuestionStatus, QuestionStatus]> = [
    ["waiting", "approved"],
    ["waiting", "rejected"],
    ["waiting", "merged"],
    ["approved", "answering_now"],
    ["approved", "answered"],
    ["approved", "answer_in_writing"],
    ["approved", "rejected"],
    ["approved", "merged"],
    ["answering_now", "answered"],
    ["answering_now", "answer_in_writing"],
    ["answering_now", "approved"],
    ["answer_in_writing", "answered"],
    ["rejected", "waiting"],
  ];

  it("allows exactly the documented transitions", () => {
    const all: Array<[QuestionStatus, QuestionStatus]> = QUESTION_STATUSES.flatMap((from) =>
      QUESTION_STATUSES.map((to): [QuestionStatus, QuestionStatus] => [from, to]),
    );
    const permitted = all.filter(([from, to]) => canTransition(from, to));
    expect(permitted.sort()).toEqual([...allowed].sort());
  });

  it("forbids publishing or answering a waiting question without approval", () => {
    expect(canTransition("waiting", "answering_now")).toBe(false);
    expect(canTransition("waiting", "answered")).toBe(false);
    expect(canTransition("rejected", "approved")).toBe(false);
  });

  it("treats answered and merged as terminal", () => {
    expect(TRANSITIONS.answered).toEqual([]);
    expect(TRANSITIONS.merged).toEqual([]);
  });
});

describe("transition", () => {
  it("approves a waiting question, also after an edit for privacy", () => {
    expect(transition(q("waiting"), { type: "approve" }, ctx)).toEqual({ ok: true, state: { status: "approved" } });
    expect(transition(q("waiting"), { type: "edit_and_approve" }, ctx)).toEqual({ ok: true, state: { status: "approved" } });
  });

  it("refuses to approve twice or to approve a rejected question", () => {
    expect(transition(q("approved"), { type: "approve" }, ctx)).toEqual({ ok: false, error: "invalid_transition" });
    expect(transition(q("rejected"), { type: "approve" }, ctx)).toEqual({ ok: false, error: "invalid_transition" });
  });

  it("rejects with the rule it broke, and only with a known rule", () => {
    expect(transition(q("waiting"), { type: "reject", rule: "personal_data" }, ctx)).toEqual({
      ok: true,
      state: { status: "rejected", rule: "personal_data" },
    });
    // A caller bypassing the types (e.g. unvalidated JSON) gets a typed error, not a crash.
    const bogus = { type: "reject", rule: "rude" } as unknown as QuestionAction;
    expect(transition(q("waiting"), bogus, ctx)).toEqual({ ok: false, error: "invalid_rule" });
  });

  it("reinstates a rejected question into the queue", () => {
    expect(transition(q("rejected"), { type: "reinstate" }, ctx)).toEqual({ ok: true, state: { status: "waiting" } });
    expect(transition(q("approved"), { type: "reinstate" }, ctx)).toEqual({ ok: false, error: "invalid_transition" });
  });

  it("merges into a published question of the same dialogue only", () => {
    const into = { id: 2, dialogueId: 10, status: "approved" as const };
    expect(transition(q("waiting"), { type: "merge", into }, ctx)).toEqual({
      ok: true,
      state: { status: "merged", mergedIntoId: 2 },
    });
    expect(transition(q("waiting"), { type: "merge", into: { ...into, id: 1 } }, ctx)).toEqual({
      ok: false,
      error: "merge_into_self",
    });
    expect(transition(q("waiting"), { type: "merge", into: { ...into, dialogueId: 11 } }, ctx)).toEqual({
      ok: false,
      error: "merge_other_dialogue",
    });
    for (const status of ["waiting", "rejected", "merged"] as const) {
      expect(transition(q("waiting"), { type: "merge", into: { ...into, status } }, ctx)).toEqual({
        ok: false,
        error: "merge_target_not_published",
      });
    }
  });

  it("marks answered with a trimmed optional answer and who answered", () => {
    const result = transition(q("answering_now"), { type: "mark_answered", answer: "  Vi byter lamporna i april. ", answeredBy: "Trafikkontoret" }, ctx);
    expect(result).toEqual({
      ok: true,
      state: { status: "answered", answer: "Vi byter lamporna i april.", answeredBy: "Trafikkontoret", answeredAt: now },
    });
    const blank = transition(q("approved"), { type: "mark_answered", answer: "   " }, ctx);
    expect(blank).toEqual({ ok: true, state: { status: "answered", answer: null, answeredBy: null, answeredAt: now } });
  });

  it("does not let a written-answer question be 'marked answered' without the written answer", () => {
    expect(transition(q("answer_in_writing"), { type: "mark_answered" }, ctx)).toEqual({ ok: false, error: "invalid_transition" });
    expect(transition(q("answer_in_writing"), { type: "publish_written_answer", answer: "  " }, ctx)).toEqual({
      ok: false,
      error: "answer_required",
    });
    expect(transition(q("answer_in_writing"), { type: "publish_written_answer", answer: "Svar.", answeredBy: "Polisen" }, ctx)).toEqual({
      ok: true,
      state: { status: "answered", answer: "Svar.", answeredBy: "Polisen", answeredAt: now },
    });
    expect(transition(q("approved"), { type: "publish_written_answer", answer: "Svar." }, ctx)).toEqual({
      ok: false,
      error: "invalid_transition",
    });
  });

  it("moves to a written answer with the default 14-day due date, or a given one", () => {
    expect(transition(q("approved"), { type: "answer_in_writing" }, ctx)).toEqual({
      ok: true,
      state: { status: "answer_in_writing", dueDate: "2025-03-28" },
    });
    expect(transition(q("answering_now"), { type: "answer_in_writing", dueDate: "2025-04-30" }, ctx)).toEqual({
      ok: true,
      state: { status: "answer_in_writing", dueDate: "2025-04-30" },
    });
    expect(transition(q("approved"), { type: "answer_in_writing", dueDate: "2025-03-14" }, ctx)).toMatchObject({ ok: true });
  });

  it("refuses a due date in the past or not a real date", () => {
    expect(transition(q("approved"), { type: "answer_in_writing", dueDate: "2025-03-13" }, ctx)).toEqual({
      ok: false,
      error: "due_date_in_past",
    });
    expect(transition(q("approved"), { type: "answer_in_writing", dueDate: "2025-02-30" }, ctx)).toEqual({
      ok: false,
      error: "invalid_due_date",
    });
    expect(transition(q("approved"), { type: "answer_in_writing", dueDate: "14/3/2025" }, ctx)).toEqual({
      ok: false,
      error: "invalid_due_date",
    });
  });

  it("stops answering only a question being answered", () => {
    expect(transition(q("answering_now"), { type: "stop_answering" }, ctx)).toEqual({ ok: true, state: { status: "approved" } });
    expect(transition(q("waiting"), { type: "stop_answering" }, ctx)).toEqual({ ok: false, error: "invalid_transition" });
  });

  it("refuses every action on terminal questions", () => {
    const actions: QuestionAction[] = [
      { type: "approve" },
      { type: "reject", rule: "off_topic" },
      { type: "start_answering" },
      { type: "mark_answered" },
      { type: "answer_in_writing" },
      { type: "reinstate" },
    ];
    for (const status of ["answered", "merged"] as const) {
      for (const action of actions) {
        expect(transition(q(status), action, ctx), `${status} ${action.type}`).toEqual({ ok: false, error: "invalid_transition" });
      }
    }
  });
});

describe("answeringNowChanges: one question answering now per dialogue", () => {
  it("starts the first question with no current one", () => {
    expect(answeringNowChanges(null, q("approved", 5), ctx)).toEqual({
      ok: true,
      changes: [{ id: 5, from: "approved", state: { status: "answering_now" } }],
    });
  });

  it("returns the current question to the list and starts the next, in one change set", () => {
    const result = answeringNowChanges(q("answering_now", 4), q("approved", 5), ctx);
    expect(result).toEqual({
      ok: true,
      changes: [
        { id: 4, from: "answering_now", state: { status: "approved" } },
        { id: 5, from: "approved", state: { status: "answering_now" } },
      ],
    });
  });

  it("can mark the current one answered instead", () => {
    const result = answeringNowChanges(q("answering_now", 4), q("approved", 5), { ...ctx, previousBecomes: "answered" });
    expect(result.ok && result.changes[0].state).toEqual({ status: "answered", answer: null, answeredBy: null, answeredAt: now });
  });

  it("is a no-op for the question already answering now", () => {
    expect(answeringNowChanges(q("answering_now", 4), q("answering_now", 4), ctx)).toEqual({ ok: true, changes: [] });
  });

  it("refuses a next question that is not published, and a current one from another dialogue", () => {
    expect(answeringNowChanges(null, q("waiting", 5), ctx)).toEqual({ ok: false, error: "invalid_transition" });
    expect(answeringNowChanges(q("answering_now", 4), q("answered", 5), ctx)).toEqual({ ok: false, error: "invalid_transition" });
    expect(answeringNowChanges(q("answering_now", 4, 11), q("approved", 5, 10), ctx)).toEqual({
      ok: false,
      error: "current_other_dialogue",
    });
    expect(answeringNowChanges(q("approved", 4), q("approved", 5), ctx)).toEqual({ ok: false, error: "invalid_transition" });
  });
});

describe("written-answer due dates", () => {
  it("defaults to 14 calendar days after today in Stockholm", () => {
    expect(defaultWrittenAnswerDueDate(new Date("2025-03-14T10:00:00Z"))).toBe("2025-03-28");
    // 23:30 UTC on 14 March is already 15 March in Stockholm.
    expect(defaultWrittenAnswerDueDate(new Date("2025-03-14T23:30:00Z"))).toBe("2025-03-29");
    // Across the DST change (30 March 2025) and a month end.
    expect(defaultWrittenAnswerDueDate(new Date("2025-03-25T12:00:00Z"))).toBe("2025-04-08");
    expect(defaultWrittenAnswerDueDate(new Date("2024-02-20T12:00:00Z"))).toBe("2024-03-05"); // leap year
  });

  it("is overdue from the day after the due date", () => {
    expect(isWrittenAnswerOverdue("2025-03-28", new Date("2025-03-28T21:00:00Z"))).toBe(false); // 22:00 on the 28th
    expect(isWrittenAnswerOverdue("2025-03-28", new Date("2025-03-28T23:30:00Z"))).toBe(true); // 00:30 on the 29th
  });

  it("computes the calendar day in the given time zone", () => {
    expect(calendarDate(new Date("2025-06-30T22:30:00Z"))).toBe("2025-07-01");
    expect(calendarDate(new Date("2025-06-30T22:30:00Z"), "UTC")).toBe("2025-06-30");
  });
});

describe("rejection rules", () => {
  it("lists the seven ground rules", () => {
    expect(REJECTION_RULES).toEqual([
      "names_private_person",
      "personal_data",
      "confidential_case",
      "threat_hate_harassment",
      "off_topic",
      "advertising_campaigning",
      "spam_duplicate",
    ]);
  });
});
