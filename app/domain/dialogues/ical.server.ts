/**
 * iCalendar output with ical-generator. Times are written in UTC ("Z"), which
 * every calendar (Outlook, Google, Apple) converts to the reader's zone; the
 * Europe/Stockholm wall-clock time, daylight saving included, was resolved
 * when the dialogue was saved.
 */
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import type { TFunction } from "i18next";
import type { Dialogue } from "~/domain/dialogues/dialogues.server";
import { icalLine } from "~/domain/common/ical-text";

const PRODID = { company: "Stockholms stad", product: "Tryggve", language: "SV" };

function hostOf(baseUrl: string) {
  return new URL(baseUrl).host;
}

export function dialogueUrl(baseUrl: string, id: number) {
  return new URL(`/dialoger/${id}`, baseUrl).toString();
}

function describe(d: Dialogue, baseUrl: string, t: TFunction): string {
  const lines: string[] = [];
  if (d.purpose) lines.push(`${t("dialogues.fields.purpose")}: ${d.purpose}`);
  if (d.ladderLevel) lines.push(`${t("dialogues.fields.ladderLevel")}: ${t(`dialogues.ladder.${d.ladderLevel}`)}`);
  if (d.agenda.length) lines.push("", `${t("dialogues.fields.agenda")}:`, ...d.agenda.map((a) => `- ${a}`));
  if (d.format !== "in_person") lines.push("", `${t("dialogues.join.title")}: ${new URL(`/dialoger/${d.id}/delta`, baseUrl).toString()}`);
  lines.push("", dialogueUrl(baseUrl, d.id));
  return lines.join("\n");
}

function addEvent(cal: ICalCalendar, d: Dialogue, baseUrl: string, t: TFunction) {
  const location = d.format === "digital" ? t("dialogues.format.digital") : (d.placeAddress ?? "");
  const sequence = Math.max(0, Math.floor((Date.parse(d.updatedAt) - Date.parse(d.createdAt)) / 1000));
  cal.createEvent({
    id: `dialogue-${d.id}@${hostOf(baseUrl)}`,
    sequence,
    start: new Date(d.startsAt),
    end: new Date(d.endsAt),
    stamp: new Date(d.updatedAt),
    summary: icalLine(d.title),
    description: describe(d, baseUrl, t),
    location: d.lat !== null && d.lng !== null ? { title: icalLine(location), geo: { lat: d.lat, lon: d.lng } } : icalLine(location),
    url: dialogueUrl(baseUrl, d.id),
    status: ICalEventStatus.CONFIRMED,
  });
}

/** One dialogue, for "add to calendar" and email attachments. */
export function dialogueIcs(d: Dialogue, baseUrl: string, t: TFunction): string {
  const cal = ical({ prodId: PRODID, method: ICalCalendarMethod.PUBLISH, name: icalLine(d.title) });
  addEvent(cal, d, baseUrl, t);
  return cal.toString();
}

/** A subscribable feed of a district's public dialogues; calendars refresh it every few hours. */
export function districtFeedIcs(districtName: string, dialogues: Dialogue[], baseUrl: string, t: TFunction): string {
  const cal = ical({
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    name: icalLine(t("dialogues.ical.feedName", { district: districtName })),
    description: t("dialogues.ical.feedDescription", { district: districtName }),
    ttl: 6 * 3600,
  });
  for (const d of dialogues) addEvent(cal, d, baseUrl, t);
  return cal.toString();
}

export function icsResponse(body: string, filename: string, inline = false): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"`,
      "Cache-Control": "no-cache",
    },
  });
}

/**
 * The site's public origin: PUBLIC_URL (required in production; `http://localhost:${PORT}` in
 * development and tests, set by loadConfig). Never the request's Host header, which anyone can forge.
 */
export function publicBaseUrl(config: { PUBLIC_URL: string }): string {
  return config.PUBLIC_URL;
}
