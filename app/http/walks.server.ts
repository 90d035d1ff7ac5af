/** Small helpers shared by the walk routes. */
import { getWalk, listGroups, type Walk } from "~/domain/walks/walks.server";
import { found, idParam } from "~/http/not-found.server";
import { routeToText } from "~/domain/walks/geo";
import { utcToLocal } from "~/domain/common/time";
import type { DB } from "../../db/connection";

export async function requireWalk(db: DB, id: string | undefined): Promise<Walk> {
  return found("walk", await getWalk(db, idParam("walk", id)));
}

/** A walk as the edit form's values (Stockholm local date and times). */
export function walkFormValues(w: Walk): Record<string, string> {
  const s = utcToLocal(new Date(w.startsAt));
  const e = utcToLocal(new Date(w.endsAt));
  return {
    title: w.title,
    districtId: String(w.districtId),
    purpose: w.purpose ?? "",
    meetingPoint: w.meetingPoint,
    meetingLat: w.meetingLat === null ? "" : String(w.meetingLat),
    meetingLng: w.meetingLng === null ? "" : String(w.meetingLng),
    route: routeToText(w.route),
    date: s.date,
    startTime: s.time,
    endTime: e.time,
    expectedLight: w.expectedLight,
    organisers: w.organisers ?? "",
    dialogueId: w.dialogueId === null ? "" : String(w.dialogueId),
  };
}

export { listGroups };
