/** The form's string values for an existing dialogue (edit page). Browser-safe. */
import { utcToLocal } from "~/domain/common/time";

export interface DialogueLike {
  title: string;
  districtId: number;
  placeAddress: string | null;
  lat: number | null;
  lng: number | null;
  startsAt: string;
  endsAt: string;
  format: string;
  streamUrl: string | null;
  meetingUrl: string | null;
  agenda: string[];
  accessibility: { hearingLoop: boolean; signLanguage: boolean; stepFree: boolean; interpretation: string | null; notes: string | null };
  purpose: string | null;
  ladderLevel: string | null;
  influenceOpen: string | null;
  influenceClosed: string | null;
  capacity: number | null;
}

export function dialogueFormValues(d: DialogueLike): Record<string, string> {
  const start = utcToLocal(new Date(d.startsAt));
  const end = utcToLocal(new Date(d.endsAt));
  const values: Record<string, string> = {
    title: d.title,
    districtId: String(d.districtId),
    placeAddress: d.placeAddress ?? "",
    lat: d.lat === null ? "" : String(d.lat),
    lng: d.lng === null ? "" : String(d.lng),
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    format: d.format,
    streamUrl: d.streamUrl ?? "",
    meetingUrl: d.meetingUrl ?? "",
    agenda: d.agenda.join("\n"),
    a11yInterpretation: d.accessibility.interpretation ?? "",
    a11yNotes: d.accessibility.notes ?? "",
    purpose: d.purpose ?? "",
    ladderLevel: d.ladderLevel ?? "",
    influenceOpen: d.influenceOpen ?? "",
    influenceClosed: d.influenceClosed ?? "",
    capacity: d.capacity === null ? "" : String(d.capacity),
  };
  if (d.accessibility.hearingLoop) values.a11yHearingLoop = "on";
  if (d.accessibility.signLanguage) values.a11ySignLanguage = "on";
  if (d.accessibility.stepFree) values.a11yStepFree = "on";
  return values;
}
