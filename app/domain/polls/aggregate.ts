/**
 * Poll aggregation (pure): counts per option → the public results. Percentages are whole
 * numbers; for one-choice polls they use the largest-remainder method so they sum to exactly 100.
 */
import { SAFETY_UNSAFE, type PollKind, type PollResults } from "~/domain/polls/polls.schema";

export function aggregatePoll(kind: PollKind, optionCount: number, total: number, chosen: Array<{ option: number; count: number }>): PollResults {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const c of chosen) if (c.option >= 0 && c.option < optionCount) counts[c.option]! += c.count;
  const percents = kind === "multiple" ? counts.map((c) => (total === 0 ? 0 : Math.round((100 * c) / total))) : largestRemainder(counts, total);
  let mean: number | null = null;
  if (kind === "scale" && total > 0) {
    const sum = counts.reduce((acc, c, i) => acc + c * (i + 1), 0);
    mean = Math.round((10 * sum) / total) / 10;
  }
  let unsafePercent: number | null = null;
  if (kind === "safety" && total > 0) {
    const unsafe = SAFETY_UNSAFE.reduce((acc, i) => acc + (counts[i] ?? 0), 0);
    unsafePercent = Math.round((100 * unsafe) / total);
  }
  return { total, counts, percents, mean, unsafePercent };
}

/** Whole percentages of `total` that sum to 100 (when total > 0): floor, then the largest remainders get +1. */
export function largestRemainder(counts: number[], total: number): number[] {
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (100 * c) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (counts[i]! > 0) {
      floors[i]! += 1;
      left -= 1;
    }
  }
  return floors;
}
