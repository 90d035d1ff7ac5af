/** Dashboard figures as pure functions over plain rows (unit-tested on fixed data). */
import { MEASURE_STATUSES, isOverdue, type MeasureStatus } from "~/domain/measures/status";

export interface FigureRow {
  status: MeasureStatus;
  organisationName: string;
  createdAt: string;
  doneAt: string | null;
  dueDate: string | null;
  plannedDate: string | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const DAY = 86400e3;

/** Median whole days from proposed (created) to done, over measures that reached done (verified ones included). */
export function medianDaysToDone(rows: readonly FigureRow[]): number | null {
  const days = rows.filter((r) => r.doneAt).map((r) => Math.round((Date.parse(r.doneAt!) - Date.parse(r.createdAt)) / DAY));
  const m = median(days);
  return m === null ? null : Math.round(m * 10) / 10;
}

export function countByStatus(rows: readonly FigureRow[]): Array<{ status: MeasureStatus; count: number }> {
  return MEASURE_STATUSES.map((status) => ({ status, count: rows.filter((r) => r.status === status).length }));
}

export interface PartyFigures {
  organisation: string;
  open: number;
  done: number;
  declined: number;
  overdue: number;
}

export function countByParty(rows: readonly FigureRow[], today: string): PartyFigures[] {
  const map = new Map<string, PartyFigures>();
  for (const r of rows) {
    const p = map.get(r.organisationName) ?? { organisation: r.organisationName, open: 0, done: 0, declined: 0, overdue: 0 };
    if (r.status === "done" || r.status === "verified") p.done++;
    else if (r.status === "declined") p.declined++;
    else p.open++;
    if (isOverdue(r, today)) p.overdue++;
    map.set(r.organisationName, p);
  }
  return [...map.values()].sort((a, b) => a.organisation.localeCompare(b.organisation, "sv"));
}

/** YYYY-MM of the last `months` months ending with the month of `today` (UTC months). */
export function lastMonths(today: string, months: number): string[] {
  const [y, m] = today.split("-").map(Number);
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Per month: measures proposed and measures done. */
export function monthlyTrend(rows: readonly FigureRow[], today: string, months = 12): Array<{ month: string; proposed: number; done: number }> {
  return lastMonths(today, months).map((month) => ({
    month,
    proposed: rows.filter((r) => r.createdAt.slice(0, 7) === month).length,
    done: rows.filter((r) => r.doneAt?.slice(0, 7) === month).length,
  }));
}

export interface ObservationRow {
  categories: readonly string[];
  timeOfDay: "day" | "dusk" | "dark";
}

export const TIMES_OF_DAY = ["day", "dusk", "dark"] as const;

/** Published walk observations: each category an observation carries counts once; time of day as recorded. */
export function observationFigures(rows: readonly ObservationRow[], categories: readonly string[]) {
  return {
    total: rows.length,
    byCategory: categories.map((category) => ({ category, count: rows.filter((r) => r.categories.includes(category)).length })).filter((c) => c.count > 0),
    byTimeOfDay: TIMES_OF_DAY.map((timeOfDay) => ({ timeOfDay, count: rows.filter((r) => r.timeOfDay === timeOfDay).length })),
  };
}
