/** What the public walk pages load, assembled once for the route modules. */
import crypto from "node:crypto";
import type { DB } from "../../../db/connection";
import type { TFunction } from "i18next";
import { listWalkInvitations } from "~/domain/walks/invitations.server";
import { observationWindow, windowClosesAt } from "~/domain/walks/lifecycle";
import { listOwnObservations, listPublicObservations } from "~/domain/walks/observations.server";
import { listGroups, type Walk } from "~/domain/walks/walks.server";

export async function walkMapData(db: DB, walk: Walk, participantId: string, lateWindowDays: number, t: TFunction, now: Date = new Date()) {
  const [{ items }, mine, groups] = await Promise.all([
    listPublicObservations(db, { walkId: walk.id }, {}, { limit: 5000 }),
    listOwnObservations(db, walk.id, participantId),
    listGroups(db, walk.id),
  ]);
  const landmarks = [
    ...(walk.meetingLat !== null && walk.meetingLng !== null
      ? [{ value: `${walk.meetingLat},${walk.meetingLng}|${walk.meetingPoint}`, label: walk.meetingPoint }]
      : []),
    ...(walk.route ?? []).map(([lng, lat], i) => {
      const label = t("walks.observe.landmarkRoute", { n: i + 1 });
      return { value: `${lat},${lng}|${label}`, label };
    }),
    ...(() => {
      const label = t("walks.observe.landmarkCentre", { district: walk.districtName });
      return [{ value: `${walk.centre.lat},${walk.centre.lng}|${label}`, label }];
    })(),
  ];
  return {
    observations: items,
    mine,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    landmarks,
    window: observationWindow(walk, now, lateWindowDays),
    closesAt: windowClosesAt(walk.endsAt, lateWindowDays),
    // For the no-JS form: a double post of the same page is stored once.
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function acceptedActors(db: DB, walkId: number): Promise<string[]> {
  return (await listWalkInvitations(db, walkId)).filter((i) => i.status === "accepted").map((i) => i.organisationName);
}
