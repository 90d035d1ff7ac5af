import { describe, expect, it } from "vitest";
import { rankQuestions } from "~/domain/questions/ranking";

const t = (minute: number) => new Date(Date.UTC(2025, 2, 14, 17, minute));

const questions = [
  { id: 1, votes: 3, createdAt: t(0) },
  { id: 2, votes: 7, createdAt: t(1) },
  { id: 3, votes: 3, createdAt: t(2) },
  { id: 4, votes: 0, createdAt: t(3) },
  { id: 5, votes: 7, createdAt: t(4) },
];

describe("rankQuestions", () => {
  it("sorts by votes, ties older first", () => {
    expect(rankQuestions(questions, "votes").map((q) => q.id)).toEqual([2, 5, 1, 3, 4]);
  });

  it("sorts newest first", () => {
    expect(rankQuestions(questions, "newest").map((q) => q.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it("breaks a tie of votes and time by id, whatever the input order", () => {
    const same = [
      { id: 9, votes: 2, createdAt: t(5) },
      { id: 8, votes: 2, createdAt: t(5) },
      { id: 10, votes: 2, createdAt: t(5) },
    ];
    expect(rankQuestions(same, "votes").map((q) => q.id)).toEqual([8, 9, 10]);
    expect(rankQuestions([...same].reverse(), "votes").map((q) => q.id)).toEqual([8, 9, 10]);
    expect(rankQuestions(same, "newest").map((q) => q.id)).toEqual([10, 9, 8]);
  });

  it("does not mutate its input and returns the same objects", () => {
    const input = [...questions];
    const ranked = rankQuestions(input, "votes");
    expect(input.map((q) => q.id)).toEqual([1, 2, 3, 4, 5]);
    expect(ranked[0]).toBe(questions[1]);
  });

  it("accepts ISO strings and epoch milliseconds as stored timestamps", () => {
    const mixed = [
      { id: 1, votes: 1, createdAt: "2025-03-14T17:05:00.000Z" },
      { id: 2, votes: 1, createdAt: Date.UTC(2025, 2, 14, 17, 1) },
      { id: 3, votes: 1, createdAt: t(3) },
    ];
    expect(rankQuestions(mixed, "votes").map((q) => q.id)).toEqual([2, 3, 1]);
    expect(rankQuestions(mixed, "newest").map((q) => q.id)).toEqual([1, 3, 2]);
  });

  it("puts unparseable timestamps last when newest first, first among equal votes when oldest first", () => {
    const bad = [
      { id: 1, votes: 1, createdAt: "not a date" },
      { id: 2, votes: 1, createdAt: t(1) },
    ];
    expect(rankQuestions(bad, "newest").map((q) => q.id)).toEqual([2, 1]);
    expect(rankQuestions(bad, "votes").map((q) => q.id)).toEqual([1, 2]);
  });

  it("returns an empty list for no questions", () => {
    expect(rankQuestions([], "votes")).toEqual([]);
  });
});
