import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type TallyUpdate, createCoalescer } from "~/domain/questions/coalesce";

/** What was emitted, versions left out so the expectations read as counts. */
interface Emitted {
  at: number;
  update: { dialogueId: number; tallies: Array<{ questionId: number; votes: number }> };
}

function setup(intervalMs?: number) {
  const emitted: Emitted[] = [];
  const raw = createCoalescer({
    intervalMs,
    emit: (update: TallyUpdate) =>
      emitted.push({
        at: Date.now(),
        update: { dialogueId: update.dialogueId, tallies: update.tallies.map(({ questionId, votes }) => ({ questionId, votes })) },
      }),
  });
  // Pushes in these tests come in commit order: each one a newer version.
  let version = 0;
  const coalescer = { ...raw, push: (dialogueId: number, questionId: number, votes: number) => raw.push(dialogueId, questionId, votes, ++version) };
  return { emitted, coalescer };
}

/** Largest number of emits for one dialogue inside any half-open one-second window. */
function maxPerSecond(emitted: Emitted[], dialogueId: number): number {
  const times = emitted.filter((e) => e.update.dialogueId === dialogueId).map((e) => e.at);
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    const inWindow = times.filter((t) => t >= times[i] && t < times[i] + 1000).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

function lastVotes(emitted: Emitted[], dialogueId: number, questionId: number): number | undefined {
  let votes: number | undefined;
  for (const e of emitted) {
    if (e.update.dialogueId !== dialogueId) continue;
    const entry = e.update.tallies.find((t) => t.questionId === questionId);
    if (entry) votes = entry.votes;
  }
  return votes;
}

describe("createCoalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2025-03-14T17:30:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits the first change at once (leading edge)", () => {
    const { emitted, coalescer } = setup();
    coalescer.push(1, 10, 1);
    expect(emitted.map((e) => e.update)).toEqual([{ dialogueId: 1, tallies: [{ questionId: 10, votes: 1 }] }]);
    coalescer.dispose();
  });

  it("collapses a synchronous burst of 1,000 votes into a leading and one trailing update", () => {
    const { emitted, coalescer } = setup();
    for (let v = 1; v <= 1000; v++) coalescer.push(1, 10, v);
    expect(emitted).toHaveLength(1);
    vi.advanceTimersByTime(249);
    expect(emitted).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(emitted).toHaveLength(2);
    expect(emitted[1].update).toEqual({ dialogueId: 1, tallies: [{ questionId: 10, votes: 1000 }] });
    vi.advanceTimersByTime(5000);
    expect(emitted).toHaveLength(2); // nothing more to say
    coalescer.dispose();
  });

  it("emits at most 4 updates per second under 1,000 votes spread over 5 seconds, ending on the true tally", () => {
    const { emitted, coalescer } = setup();
    const tally = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const questionId = 1 + (i % 7);
      const votes = (tally.get(questionId) ?? 0) + 1;
      tally.set(questionId, votes);
      coalescer.push(42, questionId, votes);
      vi.advanceTimersByTime(5); // one vote every 5 ms
    }
    vi.advanceTimersByTime(1000);

    expect(maxPerSecond(emitted, 42)).toBeLessThanOrEqual(4);
    // 5 s at 4/s plus the leading emit: far fewer messages than votes.
    expect(emitted.length).toBeLessThanOrEqual(22);
    expect(emitted.length).toBeGreaterThanOrEqual(19);
    for (const [questionId, votes] of tally) expect(lastVotes(emitted, 42, questionId)).toBe(votes);
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    for (let i = 1; i < emitted.length; i++) expect(emitted[i].at - emitted[i - 1].at).toBeGreaterThanOrEqual(250);
  });

  it("limits each dialogue independently", () => {
    const { emitted, coalescer } = setup();
    for (let i = 1; i <= 100; i++) {
      coalescer.push(1, 1, i);
      coalescer.push(2, 1, i * 2);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    expect(maxPerSecond(emitted, 1)).toBeLessThanOrEqual(4);
    expect(maxPerSecond(emitted, 2)).toBeLessThanOrEqual(4);
    expect(emitted.filter((e) => e.update.dialogueId === 1).length).toBeGreaterThanOrEqual(4);
    expect(lastVotes(emitted, 1, 1)).toBe(100);
    expect(lastVotes(emitted, 2, 1)).toBe(200);
  });

  it("sends only the questions that changed, latest value each, sorted by id", () => {
    const { emitted, coalescer } = setup();
    coalescer.push(1, 5, 1);
    coalescer.push(1, 9, 3);
    coalescer.push(1, 2, 4);
    coalescer.push(1, 9, 2); // an unvote
    vi.advanceTimersByTime(250);
    expect(emitted[1].update.tallies).toEqual([
      { questionId: 2, votes: 4 },
      { questionId: 9, votes: 2 },
    ]);
  });

  it("becomes idle after a quiet interval, so the next vote is sent at once again", () => {
    const { emitted, coalescer } = setup();
    coalescer.push(1, 1, 1);
    vi.advanceTimersByTime(250); // quiet interval: idle
    coalescer.push(1, 1, 2);
    expect(emitted).toHaveLength(2);
    expect(emitted[1].at - emitted[0].at).toBe(250);
  });

  it("flush() emits pending changes at once and keeps the spacing afterwards", () => {
    const { emitted, coalescer } = setup();
    coalescer.push(1, 1, 1);
    coalescer.push(1, 1, 2);
    coalescer.push(3, 1, 7);
    coalescer.push(3, 1, 8);
    expect(coalescer.pendingCount(1)).toBe(1);
    coalescer.flush(1);
    expect(emitted.map((e) => e.update)).toEqual([
      { dialogueId: 1, tallies: [{ questionId: 1, votes: 1 }] },
      { dialogueId: 3, tallies: [{ questionId: 1, votes: 7 }] },
      { dialogueId: 1, tallies: [{ questionId: 1, votes: 2 }] },
    ]);
    expect(coalescer.pendingCount(1)).toBe(0);
    coalescer.flush();
    expect(emitted.at(-1)?.update).toEqual({ dialogueId: 3, tallies: [{ questionId: 1, votes: 8 }] });
    coalescer.push(1, 1, 3);
    expect(emitted).toHaveLength(4); // still cooling down after the flush
    vi.advanceTimersByTime(250);
    expect(emitted).toHaveLength(5);
  });

  it("dispose() cancels timers, drops pending changes and ignores later pushes", () => {
    const { emitted, coalescer } = setup();
    coalescer.push(1, 1, 1);
    coalescer.push(1, 1, 2);
    coalescer.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    coalescer.push(1, 1, 3);
    coalescer.flush();
    expect(emitted).toHaveLength(1);
  });

  it("honours a custom interval", () => {
    const { emitted, coalescer } = setup(1000);
    for (let i = 1; i <= 300; i++) {
      coalescer.push(1, 1, i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    expect(maxPerSecond(emitted, 1)).toBe(1);
    expect(lastVotes(emitted, 1, 1)).toBe(300);
    expect(() => createCoalescer({ intervalMs: 0, emit: () => {} })).toThrow(RangeError);
  });

  it("keeps working when emit throws, reporting the error", () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = createCoalescer({
      emit: () => {
        calls++;
        if (calls === 2) throw new Error("socket gone");
      },
      onError: (error) => errors.push(error),
    });
    coalescer.push(1, 1, 1, 1);
    coalescer.push(1, 1, 2, 2);
    vi.advanceTimersByTime(250); // second emit throws
    coalescer.push(1, 1, 3, 3);
    vi.advanceTimersByTime(250);
    expect(calls).toBe(3);
    expect(errors).toHaveLength(1);
    coalescer.dispose();
  });

  it("uses injected timers and clock", () => {
    const scheduled: Array<{ fn: () => void; ms: number }> = [];
    let clock = 1000;
    const emitted: TallyUpdate[] = [];
    const coalescer = createCoalescer({
      emit: (u) => emitted.push(u),
      now: () => clock,
      setTimer: (fn, ms) => scheduled.push({ fn, ms }),
      clearTimer: () => {},
    });
    coalescer.push(7, 1, 1, 1);
    coalescer.push(7, 1, 2, 2);
    expect(scheduled.map((s) => s.ms)).toEqual([250]);
    // A timer that fires early re-arms for the rest of the interval instead of emitting.
    clock += 100;
    scheduled[0].fn();
    expect(emitted).toHaveLength(1);
    expect(scheduled[1].ms).toBe(150);
    clock += 150;
    scheduled[1].fn();
    expect(emitted).toEqual([
      { dialogueId: 7, tallies: [{ questionId: 1, votes: 1, version: 1 }] },
      { dialogueId: 7, tallies: [{ questionId: 1, votes: 2, version: 2 }] },
    ]);
  });

  it("keeps the newest version when pushes arrive out of commit order, and never sends an older one after a newer", () => {
    const sent: TallyUpdate[] = [];
    const c = createCoalescer({ emit: (u) => sent.push(u) });
    c.push(1, 10, 5, 5); // leading edge: v5 sent
    c.push(1, 10, 7, 7);
    c.push(1, 10, 6, 6); // committed before v7, published after it
    vi.advanceTimersByTime(250);
    c.push(1, 10, 4, 4); // older than what was sent: dropped
    vi.advanceTimersByTime(250);
    expect(sent.map((u) => u.tallies)).toEqual([[{ questionId: 10, votes: 5, version: 5 }], [{ questionId: 10, votes: 7, version: 7 }]]);
    c.dispose();
  });
});
