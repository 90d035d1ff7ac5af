import { describe, expect, it } from "vitest";
import { ModerationSchema, QUESTION_MAX_LENGTH, SubmitQuestionSchema, VoteSchema, idSchema } from "~/domain/questions/questions.schema";

const key = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".")}:${i.message}`);
}

describe("SubmitQuestionSchema", () => {
  it("trims the text, normalises it to NFC and makes a blank name anonymous", () => {
    const parsed = SubmitQuestionSchema.parse({
      dialogueId: "3",
      text: "  Varfo\u0308r a\u0308r det mo\u0308rkt?  ",
      displayName: "   ",
      idempotencyKey: key,
    });
    expect(parsed).toEqual({ dialogueId: 3, text: "Varför är det mörkt?", displayName: null, idempotencyKey: key });
    expect(parsed.text.length).toBe(20);
    expect(SubmitQuestionSchema.parse({ dialogueId: 3, text: "Hej", idempotencyKey: key }).displayName).toBeNull();
    expect(SubmitQuestionSchema.parse({ dialogueId: 3, text: "Hej", displayName: " Ali ", idempotencyKey: key }).displayName).toBe("Ali");
  });

  it("accepts exactly 500 characters after trimming and refuses 501", () => {
    const ok = SubmitQuestionSchema.safeParse({ dialogueId: 1, text: ` ${"a".repeat(QUESTION_MAX_LENGTH)} `, idempotencyKey: key });
    expect(ok.success).toBe(true);
    const tooLong = SubmitQuestionSchema.safeParse({ dialogueId: 1, text: "a".repeat(QUESTION_MAX_LENGTH + 1), idempotencyKey: key });
    expect(messages(tooLong)).toEqual(["text:qa.errors.tooLong"]);
  });

  it("reports i18n keys for empty text, a long name, a bad key and a bad dialogue id", () => {
    const result = SubmitQuestionSchema.safeParse({ dialogueId: 0, text: " \n ", displayName: "x".repeat(61), idempotencyKey: "123" });
    expect(messages(result).sort()).toEqual([
      "dialogueId:errors.malformedForm",
      "displayName:errors.tooLong",
      "idempotencyKey:qa.errors.idempotencyKey",
      "text:errors.required",
    ]);
    expect(messages(SubmitQuestionSchema.safeParse({ dialogueId: 1, idempotencyKey: key }))).toEqual(["text:errors.required"]);
  });
});

describe("idSchema", () => {
  it("accepts positive integers as numbers or decimal strings", () => {
    expect(idSchema.parse(7)).toBe(7);
    expect(idSchema.parse(" 12 ")).toBe(12);
  });

  it("refuses zero, negatives, fractions, booleans, null and junk", () => {
    for (const bad of [0, -1, 1.5, true, null, undefined, "", "1e3", "0x10", "12a", Number.NaN, 2 ** 60]) {
      expect(idSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});

describe("VoteSchema", () => {
  it("reads the desired vote state from JSON booleans and form strings", () => {
    expect(VoteSchema.parse({ dialogueId: 1, questionId: "2", voted: "true" })).toEqual({ dialogueId: 1, questionId: 2, voted: true });
    expect(VoteSchema.parse({ dialogueId: 1, questionId: 2, voted: false }).voted).toBe(false);
    expect(VoteSchema.parse({ dialogueId: 1, questionId: 2, voted: "0" }).voted).toBe(false);
    expect(VoteSchema.safeParse({ dialogueId: 1, questionId: 2, voted: "yes" }).success).toBe(false);
    expect(VoteSchema.safeParse({ dialogueId: 1, questionId: 2 }).success).toBe(false);
  });
});

describe("ModerationSchema", () => {
  const base = { dialogueId: 1, questionId: 2 };

  it("parses every action", () => {
    const payloads = [
      { action: "approve" },
      { action: "edit_and_approve", text: "Redigerad fråga", reason: "Tog bort ett namn" },
      { action: "merge", intoQuestionId: 3 },
      { action: "reject", rule: "personal_data" },
      { action: "reinstate" },
      { action: "escalate", note: "Hot mot en namngiven tjänsteman" },
      { action: "assign", assigneeType: "organisation", assigneeId: "4" },
      { action: "start_answering" },
      { action: "stop_answering" },
      { action: "mark_answered", answer: "Vi åtgärdar det.", answeredBy: "Polisen" },
      { action: "answer_in_writing", dueDate: "2025-04-01" },
      { action: "publish_written_answer", answer: "Skriftligt svar." },
    ];
    for (const p of payloads) {
      const result = ModerationSchema.safeParse({ ...base, ...p });
      expect(messages(result), p.action).toEqual([]);
      expect(result.data?.action).toBe(p.action);
    }
  });

  it("requires a reason for an edit and a note for an escalation", () => {
    expect(messages(ModerationSchema.safeParse({ ...base, action: "edit_and_approve", text: "Ny text", reason: " " }))).toEqual(["reason:errors.required"]);
    expect(messages(ModerationSchema.safeParse({ ...base, action: "escalate" }))).toEqual(["note:errors.required"]);
  });

  it("refuses merging a question into itself and unknown rules", () => {
    expect(messages(ModerationSchema.safeParse({ ...base, action: "merge", intoQuestionId: "2" }))).toEqual(["intoQuestionId:qa.errors.mergeIntoSelf"]);
    expect(messages(ModerationSchema.safeParse({ ...base, action: "reject", rule: "rude" }))).toEqual(["rule:qa.errors.rule"]);
    expect(messages(ModerationSchema.safeParse({ ...base, action: "reject" }))).toEqual(["rule:qa.errors.rule"]);
  });

  it("makes the answer optional when marking answered and caps it at 2000 characters", () => {
    expect(ModerationSchema.parse({ ...base, action: "mark_answered", answer: "", answeredBy: "" })).toEqual({
      ...base,
      action: "mark_answered",
      answer: null,
      answeredBy: null,
    });
    expect(messages(ModerationSchema.safeParse({ ...base, action: "mark_answered", answer: "x".repeat(2001) }))).toEqual(["answer:errors.tooLong"]);
    expect(ModerationSchema.safeParse({ ...base, action: "mark_answered", answer: "x".repeat(2000) }).success).toBe(true);
  });

  it("leaves the written-answer due date to the default when blank and refuses impossible dates", () => {
    expect(ModerationSchema.parse({ ...base, action: "answer_in_writing", dueDate: "" })).toEqual({ ...base, action: "answer_in_writing" });
    expect(messages(ModerationSchema.safeParse({ ...base, action: "answer_in_writing", dueDate: "2025-02-30" }))).toEqual(["dueDate:errors.date"]);
  });

  it("refuses unknown actions, wrong ids and a bad assignee type", () => {
    expect(messages(ModerationSchema.safeParse({ ...base, action: "delete_everything" }))).toEqual(["action:errors.malformedForm"]);
    expect(ModerationSchema.safeParse({ action: "approve", dialogueId: 1, questionId: -2 }).success).toBe(false);
    expect(ModerationSchema.safeParse({ ...base, action: "assign", assigneeType: "resident", assigneeId: 1 }).success).toBe(false);
    expect(ModerationSchema.safeParse("approve").success).toBe(false);
  });
});
