import type { Flag } from "~/domain/common/screening/prescreen";

export interface Segment {
  text: string;
  flagged: boolean;
}

/** Splits text into plain and flagged segments (overlapping flag ranges merged) for <mark> highlighting. */
export function highlightSegments(text: string, flags: ReadonlyArray<Pick<Flag, "start" | "end" | "kind">>): Segment[] {
  const ranges = flags
    .filter((f) => f.kind !== "duplicate" && f.kind !== "shouting" && f.end > f.start)
    .map((f) => [Math.max(0, f.start), Math.min(text.length, f.end)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let pos = 0;
  for (const [s, e] of merged) {
    if (s > pos) out.push({ text: text.slice(pos, s), flagged: false });
    out.push({ text: text.slice(s, e), flagged: true });
    pos = e;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), flagged: false });
  return out;
}
