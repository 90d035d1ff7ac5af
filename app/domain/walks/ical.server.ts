/** iCalendar for a walk, like dialogues (app/domain/dialogues/ical.server.ts): UTC times, stable UID. */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { TFunction } from "i18next";
import type { Walk } from "~/domain/walks/walks.server";
import { icalLine } from "~/domain/common/ical-text";

export function walkUrl(baseUrl: string, id: number) {
  return new URL(`/vandringar/${id}`, baseUrl).toString();
}

export function walkIcs(w: Walk, baseUrl: string, t: TFunction): string {
  const cal = ical({ prodId: { company: "Stockholms stad", product: "Tryggve", language: "SV" }, method: ICalCalendarMethod.PUBLISH, name: icalLine(w.title) });
  const description = [
    w.purpose ? `${t("walks.fields.purpose")}: ${w.purpose}` : "",
    `${t("walks.fields.expectedLight")}: ${t(`walks.light.${w.expectedLight}`)}`,
    "",
    t("walks.public.mapLinkText"),
    new URL(`/vandringar/${w.id}/karta`, baseUrl).toString(),
  ]
    .filter((l, i) => l !== "" || i > 0)
    .join("\n");
  cal.createEvent({
    id: `walk-${w.id}@${new URL(baseUrl).host}`,
    sequence: Math.max(0, Math.floor((Date.parse(w.updatedAt) - Date.parse(w.createdAt)) / 1000)),
    start: new Date(w.startsAt),
    end: new Date(w.endsAt),
    stamp: new Date(w.updatedAt),
    summary: icalLine(w.title),
    description,
    location:
      w.meetingLat !== null && w.meetingLng !== null
        ? { title: icalLine(w.meetingPoint), geo: { lat: w.meetingLat, lon: w.meetingLng } }
        : icalLine(w.meetingPoint),
    url: walkUrl(baseUrl, w.id),
    status: ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
