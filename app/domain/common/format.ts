/** Date formatting in Europe/Stockholm for pages and emails, shared by every area. Browser-safe. */
import { STOCKHOLM_TZ } from "~/domain/common/time";

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, opts: Intl.DateTimeFormatOptions) {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { ...opts, timeZone: STOCKHOLM_TZ });
    cache.set(key, f);
  }
  return f;
}

export function formatDate(iso: string, locale: string) {
  return fmt(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
}

export function formatTime(iso: string, locale: string) {
  return fmt(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** "tisdag 14 april 2026 18:00–19:30" */
export function formatSpan(startIso: string, endIso: string, locale: string) {
  return `${formatDate(startIso, locale)} ${formatTime(startIso, locale)}–${formatTime(endIso, locale)}`;
}

export function formatDay(iso: string, locale: string) {
  return fmt(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
}

export function formatStamp(iso: string, locale: string) {
  return fmt(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** "14 apr. 2026": a date in lists and timelines. */
export function formatMediumDate(iso: string, locale: string) {
  return fmt(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/** "2026-04-14 18:00:05": the audit log, where seconds matter. */
export function formatPreciseStamp(iso: string, locale: string) {
  return fmt(locale, { dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));
}
