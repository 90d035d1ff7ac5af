/**
 * Stockholm time for every area: wall-clock time in Europe/Stockholm <-> UTC
 * instants, calendar dates (`YYYY-MM-DD`) and date arithmetic. Daylight saving
 * comes from the platform's time-zone database (Intl). Pure and browser-safe.
 */
export const STOCKHOLM_TZ = "Europe/Stockholm";

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
}

const partsFormatter = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string) {
  let f = partsFormatter.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatter.set(tz, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a zone. */
export function utcToLocal(instant: Date, tz = STOCKHOLM_TZ): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatterFor(tz).formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The calendar day (`YYYY-MM-DD`) of `now` in `tz`: what "today" means for due dates and plans. */
export function calendarDate(now: Date, tz: string = STOCKHOLM_TZ): string {
  return utcToLocal(now, tz).date;
}

function offsetMinutes(instant: Date, tz: string): number {
  const l = utcToLocal(instant, tz);
  const asUtc = Date.parse(`${l.date}T${l.time}:00Z`);
  const truncated = Math.floor(instant.getTime() / 60000) * 60000;
  return Math.round((asUtc - truncated) / 60000);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 30 February). */
export function isIsoDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** True for a wall-clock time written `HH:MM` (24-hour). */
export function isValidTime(time: string): boolean {
  return TIME.test(time);
}

/**
 * The instant a wall-clock time in `tz` denotes. Returns null for a time that
 * does not exist (the hour skipped when clocks go forward). A time that occurs
 * twice (clocks go back) resolves to the first occurrence.
 */
export function localToUtc(date: string, time: string, tz = STOCKHOLM_TZ): Date | null {
  if (!isIsoDate(date) || !isValidTime(time)) return null;
  const naive = Date.parse(`${date}T${time}:00Z`);
  // Try both offsets seen around this moment; the earliest match is the first occurrence.
  const candidates = new Set([offsetMinutes(new Date(naive - 12 * 3600e3), tz), offsetMinutes(new Date(naive + 12 * 3600e3), tz)]);
  const matches: number[] = [];
  for (const off of candidates) {
    const instant = naive - off * 60000;
    const back = utcToLocal(new Date(instant), tz);
    if (back.date === date && back.time === time) matches.push(instant);
  }
  if (matches.length === 0) return null;
  return new Date(Math.min(...matches));
}

/** An instant `days` × 24 hours later (retention periods, not calendar days). */
export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86400e3);
}

/** Whole calendar days added to a `YYYY-MM-DD` date (daylight saving cannot shift it). */
export function addCalendarDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole years added to a `YYYY-MM-DD` date; 29 February becomes 1 March in a common year. */
export function addCalendarYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
