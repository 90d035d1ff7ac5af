import { describe, expect, it } from "vitest";
import { aggregatePoll, largestRemainder } from "~/domain/polls/aggregate";
import { CreatePollSchema, PollAnswerSchema } from "~/domain/polls/polls.schema";

describe("poll aggregation", () => {
  it("single choice: counts and whole percentages that sum to 100", () => {
    const r = aggregatePoll("single", 3, 3, [
      { option: 0, count: 1 },
      { option: 1, count: 1 },
      { option: 2, count: 1 },
    ]);
    expect(r.counts).toEqual([1, 1, 1]);
    expect(r.percents).toEqual([34, 33, 33]);
    expect(r.percents.reduce((a, b) => a + b, 0)).toBe(100);
    expect(r.mean).toBeNull();
    expect(r.unsafePercent).toBeNull();
  });

  it("multiple choice: each option's share of the answers (not of the choices)", () => {
    // 4 devices; 3 chose option 0, 2 chose option 1.
    const r = aggregatePoll("multiple", 2, 4, [
      { option: 0, count: 3 },
      { option: 1, count: 2 },
    ]);
    expect(r.percents).toEqual([75, 50]);
  });

  it("scale: the mean of 1-5 to one decimal", () => {
    const r = aggregatePoll("scale", 5, 3, [
      { option: 0, count: 1 },
      { option: 4, count: 2 },
    ]);
    expect(r.mean).toBe(3.7);
  });

  it("safety question: share who feel fairly or very unsafe", () => {
    const r = aggregatePoll("safety", 5, 8, [
      { option: 0, count: 2 },
      { option: 1, count: 2 },
      { option: 2, count: 2 },
      { option: 3, count: 1 },
      { option: 4, count: 1 },
    ]);
    expect(r.unsafePercent).toBe(38);
    expect(r.percents.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("no answers: zeros, no mean", () => {
    const r = aggregatePoll("scale", 5, 0, []);
    expect(r).toEqual({ total: 0, counts: [0, 0, 0, 0, 0], percents: [0, 0, 0, 0, 0], mean: null, unsafePercent: null });
    expect(largestRemainder([0, 0], 0)).toEqual([0, 0]);
  });

  it("ignores option indexes outside the poll", () => {
    expect(aggregatePoll("single", 2, 1, [{ option: 5, count: 1 }]).counts).toEqual([0, 0]);
  });
});

describe("poll schemas", () => {
  it("an answer from a form: one string or several, as numbers", () => {
    const key = "2b1f5a4e-9d1c-4c59-8a44-2f4c1f8b1d11";
    expect(PollAnswerSchema.parse({ dialogueId: "3", pollId: "4", choices: "1", idempotencyKey: key }).choices).toEqual([1]);
    expect(PollAnswerSchema.parse({ dialogueId: 3, pollId: 4, choices: ["0", "2"], idempotencyKey: key }).choices).toEqual([0, 2]);
    const none = PollAnswerSchema.safeParse({ dialogueId: 3, pollId: 4, idempotencyKey: key });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe("polls.errors.choiceRequired");
  });

  it("a single-choice poll needs two options; the safety question needs no text", () => {
    const few = CreatePollSchema.safeParse({ dialogueId: 1, kind: "single", question: "Vilken plats?", options: "Parken\n\n" });
    expect(few.success).toBe(false);
    expect(few.error?.issues[0]?.message).toBe("polls.errors.tooFewOptions");
    expect(CreatePollSchema.parse({ dialogueId: 1, kind: "single", question: "Vilken plats?", options: "Parken\nTorget\n" }).options).toEqual([
      "Parken",
      "Torget",
    ]);
    expect(CreatePollSchema.safeParse({ dialogueId: 1, kind: "safety" }).success).toBe(true);
  });
});
